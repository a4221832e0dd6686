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

/**
 * The content of a template as ProseMirror JSON (a fresh object each call). With `title`, the
 * template's first heading reads the document's title ("Cryo-EM grid preparation", not "Research
 * protocol").
 */
export function templateContent(id: TemplateId, title?: string): JSONContent {
  const content = {
    protocol: protocolTemplate,
    'grant-proposal': grantProposalTemplate,
    'best-practice': bestPracticeTemplate,
    blank: doc(p()),
  }[id];
  const copy = structuredClone(content);
  const first = copy.content?.[0];
  if (title !== undefined && first?.type === 'heading') first.content = [{ type: 'text', text: title }];
  return copy;
}
