/**
 * A document as it reads once every suggestion is accepted (deleted text gone, inserted text kept,
 * formatting changes applied), with the library's own command, so an export agrees with "Accept all".
 */
import type { JSONContent } from '@tiptap/core';
import { applySuggestions } from '@handlewithcare/prosemirror-suggest-changes';
import { EditorState } from '@tiptap/pm/state';
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
  const doc = toDocumentNode(json);
  let accepted = doc;
  applySuggestions(EditorState.create({ doc }), (tr) => {
    accepted = tr.doc;
  });
  if (accepted === doc) return json;
  return canonicalJson(toDocumentNode(withoutAnchors(canonicalJson(accepted))));
}
