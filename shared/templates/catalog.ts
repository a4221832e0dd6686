/**
 * The list of templates without their content or zod, so the client's template picker can import it
 * without pulling the schemas into the browser bundle.
 */

/** Template ids, as accepted by `POST /api/workspaces/:id/documents { template }`. */
export const TEMPLATE_IDS = ['protocol', 'grant-proposal', 'best-practice', 'blank'] as const;

/** One of TEMPLATE_IDS. */
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** What the template picker shows. */
export interface TemplateInfo {
  id: TemplateId;
  title: string;
  description: string;
}

/** Templates in the order the picker shows them. */
export const templates: readonly TemplateInfo[] = [
  {
    id: 'protocol',
    title: 'Research protocol',
    description: 'Purpose, scope, materials, safety, numbered procedure, data analysis and references.',
  },
  {
    id: 'grant-proposal',
    title: 'Grant proposal',
    description: 'Summary, aims, background, methods, impact, budget, timeline and team, with word limits per section.',
  },
  {
    id: 'best-practice',
    title: 'Best-practice note',
    description: 'Context, recommendation, evidence, implementation and review date for clinical teams.',
  },
  { id: 'blank', title: 'Blank document', description: 'An empty page.' },
];
