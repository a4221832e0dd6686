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
import { TEMPLATE_IDS, type TemplateId } from './catalog.js';

export { TEMPLATE_IDS, templates, type TemplateId, type TemplateInfo } from './catalog.js';

/** Validates a template id at an API boundary. */
export const templateIdSchema = z.enum(TEMPLATE_IDS);

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
