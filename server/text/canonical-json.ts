/**
 * A schema node as the JSON the server hands out. ProseMirror writes every attribute of a node type;
 * paragraphs gained `guidance` (template placeholders, shared/editor/guidance.ts), which is null on
 * all but a template's empty prompts, and every block gained `blockSuggestion` (suggested inserted,
 * deleted or retyped blocks, shared/editor/block-suggestion.ts), null on all but those. Dropping those
 * nulls keeps paragraphs as `{ type: 'paragraph' }` in documents, versions, fixtures and API answers;
 * reading such JSON back restores the default.
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { BLOCK_SUGGESTION_ATTR } from '../../shared/editor/suggestion-ids.js';

function withoutNullDefaults(json: JSONContent): JSONContent {
  if (json.attrs) {
    const dropGuidance = json.type === 'paragraph' && json.attrs.guidance === null;
    const dropSuggestion = BLOCK_SUGGESTION_ATTR in json.attrs && json.attrs[BLOCK_SUGGESTION_ATTR] === null;
    if (dropGuidance || dropSuggestion) {
      const rest = { ...json.attrs };
      if (dropGuidance) delete rest.guidance;
      if (dropSuggestion) delete rest[BLOCK_SUGGESTION_ATTR];
      if (Object.keys(rest).length > 0) json.attrs = rest;
      else delete json.attrs;
    }
  }
  if (json.content) json.content = json.content.map(withoutNullDefaults);
  return json;
}

/** `node.toJSON()` without the null defaults of `guidance` and `blockSuggestion`. */
export function canonicalJson(node: Node): JSONContent {
  return withoutNullDefaults(node.toJSON() as JSONContent);
}
