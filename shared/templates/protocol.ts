/** Research protocol: what an ethics board, a lab manager or a new team member needs to repeat the work. */
import { bullets, doc, heading, hint, numbered, p, strong, table, tasks, text } from './build.js';

/** Content of a new research protocol. */
export const protocolTemplate = doc(
  heading(1, 'Research protocol'),
  p(strong('Version: '), text('0.1 draft · '), strong('Owner: '), hint('name, group')),
  heading(2, 'Purpose'),
  p(hint('State the question this protocol answers and why it matters, in two or three sentences.')),
  heading(2, 'Scope'),
  p(hint('Which samples, sites, instruments or patients this covers, and what is explicitly out of scope.')),
  heading(2, 'Materials'),
  table(
    ['Item', 'Supplier / catalogue no.', 'Quantity', 'Storage'],
    ['e.g. Phosphate-buffered saline', '', '', '4 °C'],
    ['', '', '', ''],
  ),
  heading(2, 'Safety'),
  bullets(
    hint('Hazards (chemical, biological, radiation, electrical) and their controls.'),
    hint('Personal protective equipment required.'),
    hint('Waste disposal and what to do in an incident.'),
  ),
  tasks('Risk assessment approved', 'Training records checked for everyone performing the procedure'),
  heading(2, 'Procedure'),
  numbered(
    hint('Prepare: describe the set-up, with quantities and conditions (temperature, time, speed).'),
    hint('Perform: one action per step, so a colleague can follow it without asking.'),
    hint('Record: what is measured at this point, and where the result is written.'),
    hint('Clean up and store samples.'),
  ),
  heading(2, 'Data analysis'),
  p(
    hint('How raw data become results: software and versions, statistical tests, thresholds. Formulas can be written as math, for example the standard error '),
    { type: 'inlineMath', attrs: { latex: '\\sigma / \\sqrt{n}' } },
    hint('.'),
  ),
  heading(2, 'References'),
  numbered(hint('Author, A. (Year). Title. Journal, volume(issue), pages. https://doi.org/…')),
);
