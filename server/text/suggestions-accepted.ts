/**
 * A document as it reads once every suggestion is accepted (deleted text gone, inserted text kept,
 * formatting changes applied; blocks suggested inserted kept, deleted ones gone, retyped ones at their
 * new type), with the editor's own "Accept all" (shared/editor/review-suggestion.ts), so an export agrees with it.
 */
import type { JSONContent } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { reviewAllSuggestions } from '../../shared/editor/review-suggestion.js';
import { canonicalJson } from './canonical-json.js';
import { toDocumentNode } from './schema.js';

/** Drops the zero-width spaces that anchored suggested block boundaries: accepted, they are noise. */
function withoutAnchors(json: JSONContent): JSONContent {
  if (json.type === 'text') return { ...json, text: (json.text ?? '').replace(/\u200B/g, '') };
  if (!json.content) return json;
  const content = json.content.map(withoutAnchors).filter((child) => child.type !== 'text' || child.text);
  return { ...json, content };
}

/** `json` with every suggestion accepted; unchanged when it holds none. */
export function acceptedJson(json: JSONContent): JSONContent {
  const tr = reviewAllSuggestions(EditorState.create({ doc: toDocumentNode(json) }), true);
  if (!tr) return json;
  return canonicalJson(toDocumentNode(withoutAnchors(canonicalJson(tr.doc))));
}
