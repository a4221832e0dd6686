/** Joint funding proposal: the usual sections of a grant call, each with a typical word limit. */
import { doc, guide, heading, numbered, table } from './build.js';

/**
 * Content of a new grant proposal; the first heading becomes the document's title. Word limits are
 * common defaults; edit them to match the call.
 */
export const grantProposalTemplate = doc(
  heading(1, 'Grant proposal'),
  table(['Funder and call', 'Deadline'], [guide('name of the call'), guide('set it with Deadline in the toolbar, in the funder’s time zone')]),
  heading(2, 'Summary', 250),
  guide('A plain-language summary a non-specialist reviewer can follow: the problem, what you will do, and what changes if you succeed.'),
  heading(2, 'Aims and objectives', 300),
  numbered(
    guide('Aim 1: a measurable objective, with how you will know it is met.'),
    guide('Aim 2: …'),
    guide('Aim 3: …'),
  ),
  heading(2, 'Background', 750),
  guide('What is known, what is not, and why this team is placed to close the gap. Cite your key prior work.'),
  heading(2, 'Methods', 1500),
  guide('For each aim: design, data, analysis, and the main risks with their mitigations.'),
  heading(2, 'Impact', 500),
  guide('Who benefits and how: academic, clinical, economic or societal; how results will be shared (open access, data deposition).'),
  heading(2, 'Budget', 300),
  table(
    ['Category', 'Year 1', 'Year 2', 'Year 3', 'Total'],
    ['Staff', '', '', '', ''],
    ['Equipment', '', '', '', ''],
    ['Consumables', '', '', '', ''],
    ['Travel and dissemination', '', '', '', ''],
    ['Total', '', '', '', ''],
  ),
  guide('Justify each line in a sentence or two.'),
  heading(2, 'Timeline', 200),
  table(
    ['Work package', 'Start (month)', 'End (month)', 'Milestone / deliverable'],
    ['WP1', '1', '', ''],
    ['WP2', '', '', ''],
  ),
  heading(2, 'Team', 400),
  table(['Name', 'Institution', 'Role', 'Time commitment'], ['', '', 'Principal investigator', ''], ['', '', 'Co-investigator', '']),
  guide('What each person brings, and how the partners will work together across sites and time zones.'),
);
