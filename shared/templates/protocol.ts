/** Research protocol: what an ethics board, a lab manager or a new team member needs to repeat the work. */
import { bullets, doc, guide, heading, numbered, table, tasks } from './build.js';

/** Content of a new research protocol; the first heading becomes the document's title. */
export const protocolTemplate = doc(
  heading(1, 'Research protocol'),
  table(['Version', 'Owner'], ['0.1 draft', guide('name, group')]),
  heading(2, 'Purpose'),
  guide('State the question this protocol answers and why it matters, in two or three sentences.'),
  heading(2, 'Scope'),
  guide('Which samples, sites, instruments or patients this covers, and what is explicitly out of scope.'),
  heading(2, 'Materials'),
  table(
    ['Item', 'Supplier / catalogue no.', 'Quantity', 'Storage'],
    [guide('e.g. Phosphate-buffered saline'), '', '', guide('e.g. 4 °C')],
    ['', '', '', ''],
  ),
  heading(2, 'Safety'),
  bullets(
    guide('Hazards (chemical, biological, radiation, electrical) and their controls.'),
    guide('Personal protective equipment required.'),
    guide('Waste disposal and what to do in an incident.'),
  ),
  tasks('Risk assessment approved', 'Training records checked for everyone performing the procedure'),
  heading(2, 'Procedure'),
  numbered(
    guide('Prepare: describe the set-up, with quantities and conditions (temperature, time, speed).'),
    guide('Perform: one action per step, so a colleague can follow it without asking.'),
    guide('Record: what is measured at this point, and where the result is written.'),
    guide('Clean up and store samples.'),
  ),
  heading(2, 'Data analysis'),
  guide(
    'How raw data become results: software and versions, statistical tests, thresholds. Formulas can be written as math (Ctrl+Shift+E), for example σ/√n for the standard error.',
  ),
  heading(2, 'References'),
  numbered(guide('Author, A. (Year). Title. Journal, volume(issue), pages. https://doi.org/…')),
);
