/** Healthcare best-practice note: a short, reviewable recommendation for clinical teams. */
import { bullets, doc, guide, heading, table } from './build.js';

/** Content of a new best-practice note; the first heading becomes the document's title. */
export const bestPracticeTemplate = doc(
  heading(1, 'Best-practice note'),
  table(['Applies to', 'Status'], [guide('clinical area, setting, patient group'), 'draft']),
  heading(2, 'Context'),
  guide('The clinical problem, how often it occurs, and what happens today. Keep it to one short paragraph.'),
  heading(2, 'Recommendation'),
  guide('We recommend… the action, for whom, and when, in one sentence a busy clinician can act on.'),
  bullets(guide('Key point or exception.'), guide('Key point or exception.')),
  heading(2, 'Evidence'),
  table(
    ['Source', 'Design', 'Population', 'Finding', 'Certainty (GRADE)'],
    ['', guide('e.g. systematic review'), '', '', guide('high / moderate / low / very low')],
  ),
  guide('Summarise the balance of benefits and harms, and where the evidence is thin.'),
  heading(2, 'Implementation'),
  bullets(
    guide('Who needs to do what differently, and what they need (training, equipment, order sets).'),
    guide('How uptake will be audited, with the measure and the target.'),
  ),
  heading(2, 'Review date'),
  table(['Next review', 'Responsible'], [guide('e.g. 1 March 2027'), guide('name, role')]),
);
