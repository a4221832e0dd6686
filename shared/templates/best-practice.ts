/** Healthcare best-practice note: a short, reviewable recommendation for clinical teams. */
import { bullets, doc, heading, hint, p, strong, table, text } from './build.js';

/** Content of a new best-practice note. */
export const bestPracticeTemplate = doc(
  heading(1, 'Best-practice note'),
  p(strong('Applies to: '), hint('clinical area, setting, patient group'), text(' · '), strong('Status: '), text('draft')),
  heading(2, 'Context'),
  p(hint('The clinical problem, how often it occurs, and what happens today. Keep it to one short paragraph.')),
  heading(2, 'Recommendation'),
  p(strong('We recommend '), hint('the action, for whom, and when, in one sentence a busy clinician can act on.')),
  bullets(hint('Key point or exception.'), hint('Key point or exception.')),
  heading(2, 'Evidence'),
  table(
    ['Source', 'Design', 'Population', 'Finding', 'Certainty (GRADE)'],
    ['', 'e.g. systematic review', '', '', 'High / moderate / low / very low'],
  ),
  p(hint('Summarise the balance of benefits and harms, and where the evidence is thin.')),
  heading(2, 'Implementation'),
  bullets(
    hint('Who needs to do what differently, and what they need (training, equipment, order sets).'),
    hint('How uptake will be audited, with the measure and the target.'),
  ),
  heading(2, 'Review date'),
  p(strong('Next review: '), hint('date'), text(' · '), strong('Responsible: '), hint('name, role')),
);
