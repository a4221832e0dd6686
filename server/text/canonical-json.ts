/**
 * A schema node as the JSON the server hands out. ProseMirror writes every attribute of a node type;
 * paragraphs gained `guidance` (template placeholders, shared/editor/guidance.ts), which is null on
 * all but a template's empty prompts. Dropping that null keeps paragraphs as `{ type: 'paragraph' }`
 * in documents, versions, fixtures and API answers; reading such JSON back restores the default.
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';

function withoutNullGuidance(json: JSONContent): JSONContent {
  if (json.type === 'paragraph' && json.attrs && json.attrs.guidance === null) {
    const { guidance: _dropped, ...rest } = json.attrs;
    if (Object.keys(rest).length > 0) json.attrs = rest;
    else delete json.attrs;
  }
  if (json.content) json.content = json.content.map(withoutNullGuidance);
  return json;
}

/** `node.toJSON()` without paragraphs' default (null) guidance. */
export function canonicalJson(node: Node): JSONContent {
  return withoutNullGuidance(node.toJSON() as JSONContent);
}
