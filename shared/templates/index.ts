/**
 * Document templates, defined once: the client lists them when creating a document, and the server
 * seeds the chosen one into the new document's Yjs state (seeding on the client would duplicate the
 * content for every collaborator who joins before the first sync).
 */
import type { JSONContent } from '@tiptap/core';
import { z } from 'zod';
import { bestPracticeTemplate } from './best-practice.js';
import { doc, p } from './build.js';
import { grantProposalTemplate } from './grant-proposal.js';
import { protocolTemplate } from './protocol.js';

/** Template ids, as accepted by `POST /api/workspaces/:id/documents { template }`. */
export const TEMPLATE_IDS = ['protocol', 'grant-proposal', 'best-practice', 'blank'] as const;

/** One of TEMPLATE_IDS. */
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Validates a template id at an API boundary. */
export const templateIdSchema = z.enum(TEMPLATE_IDS);

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

/** True when `value` is a template id. */
export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

/** The content of a template as ProseMirror JSON (a fresh object each call). */
export function templateContent(id: TemplateId): JSONContent {
  const content = {
    protocol: protocolTemplate,
    'grant-proposal': grantProposalTemplate,
    'best-practice': bestPracticeTemplate,
    blank: doc(p()),
  }[id];
  return structuredClone(content);
}
