/**
 * Where each Word comment sits in an imported document. Before mammoth reads `word/document.xml`,
 * every `w:commentRangeStart`, `w:commentRangeEnd` and `w:commentReference` becomes a run of
 * private-use marker characters naming the comment (the way docx-tracked.ts carries tracked changes),
 * so the places ride through mammoth and the HTML parse as text; afterwards the markers are taken out
 * of the document and their ProseMirror positions kept, for the threads' anchors.
 */
import type { JSONContent } from '@tiptap/core';
import { toDocumentNode } from './schema.js';

const START = '\uE020';
const END = '\uE021';
const REFERENCE = '\uE022';
const STOP = '\uE023';
const DIGIT0 = 0xe030;
const MINUS = '\uE03A';
/** Every comment marker character (the file's own are dropped before markers go in). */
export const COMMENT_MARKERS = /[\uE020-\uE03F]/g;
const MARKER_TOKEN = /([\uE020-\uE022])([\uE030-\uE03A]{1,10})\uE023/g;

/** A comment id as Word writes it (ST_DecimalNumber); anything else cannot be placed. */
const COMMENT_ID = /^-?[0-9]{1,9}$/;

function encodeId(id: string): string {
  return [...id].map((c) => (c === '-' ? MINUS : String.fromCharCode(DIGIT0 + Number(c)))).join('');
}

function decodeId(code: string): string {
  return [...code].map((c) => (c === MINUS ? '-' : String(c.charCodeAt(0) - DIGIT0))).join('');
}

const TOKEN = /<w:p\b[^>]*\/>|<w:p(?:\s[^>]*)?>|<\/w:p>|<w:comment(RangeStart|RangeEnd|Reference)\b([^>]*?)\/?>(?:<\/w:comment(?:RangeStart|RangeEnd|Reference)>)?/g;

/**
 * `xml` (word/document.xml) with its comment places as marker runs. A range that starts between
 * paragraphs (before a table, say) starts at the next paragraph; one that ends between them ends
 * with the paragraph before.
 */
export function markCommentRanges(xml: string): string {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  let lastParagraphClose = -1;
  let pendingStarts = '';
  const markerRun = (kind: string, id: string) => `<w:r><w:t>${kind}${encodeId(id)}${STOP}</w:t></w:r>`;
  const text = xml.replace(COMMENT_MARKERS, '');
  for (const match of text.matchAll(TOKEN)) {
    out.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, which, attrs] = match;
    if (!which) {
      if (whole.startsWith('</')) {
        depth = Math.max(0, depth - 1);
        lastParagraphClose = out.length;
        out.push(whole);
      } else if (whole.endsWith('/>')) {
        // An empty paragraph: a pending start goes inside it.
        out.push(pendingStarts ? `${whole.slice(0, -2)}>${pendingStarts}</w:p>` : whole);
        pendingStarts = '';
      } else {
        depth += 1;
        out.push(whole + pendingStarts);
        pendingStarts = '';
      }
      continue;
    }
    const id = /\bw:id="([^"]*)"/.exec(attrs ?? '')?.[1] ?? '';
    if (!COMMENT_ID.test(id)) continue;
    if (which === 'Reference') {
      // Inside its run already: the marker is that run's text.
      out.push(`<w:t>${REFERENCE}${encodeId(id)}${STOP}</w:t>`);
    } else if (depth > 0) {
      out.push(markerRun(which === 'RangeStart' ? START : END, id));
    } else if (which === 'RangeStart') {
      pendingStarts += markerRun(START, id);
    } else if (lastParagraphClose >= 0) {
      out.splice(lastParagraphClose, 0, markerRun(END, id));
      lastParagraphClose += 1;
    }
  }
  out.push(text.slice(last));
  return out.join('');
}

/** Where one comment's markers were found, as positions in the document without them. */
export interface CommentPlace {
  start?: number;
  end?: number;
  reference?: number;
}

function stripJson(json: JSONContent): JSONContent | null {
  if (json.type === 'text') {
    const text = (json.text ?? '').replace(COMMENT_MARKERS, '');
    return text ? { ...json, text } : null;
  }
  const attrs = json.attrs ? (JSON.parse(JSON.stringify(json.attrs).replace(COMMENT_MARKERS, '')) as Record<string, unknown>) : undefined;
  const content = json.content?.map(stripJson).filter((child): child is JSONContent => child !== null);
  return { ...json, ...(attrs ? { attrs } : {}), ...(content ? { content } : {}) };
}

/** `json` without its comment markers, and each comment's places by Word id. */
export function takeCommentPlaces(json: JSONContent): { json: JSONContent; places: Map<string, CommentPlace> } {
  const places = new Map<string, CommentPlace>();
  if (!JSON.stringify(json).match(COMMENT_MARKERS)) return { json, places };
  let removed = 0;
  toDocumentNode(json).descendants((node, pos) => {
    if (!node.isText) return true;
    const text = node.text ?? '';
    let last = 0;
    for (const match of text.matchAll(MARKER_TOKEN)) {
      removed += (text.slice(last, match.index).match(COMMENT_MARKERS)?.length ?? 0);
      const at = pos + match.index - removed;
      const id = decodeId(match[2] ?? '');
      const place = places.get(id) ?? {};
      const kind = match[1] === START ? 'start' : match[1] === END ? 'end' : 'reference';
      place[kind] ??= at;
      places.set(id, place);
      removed += match[0].length;
      last = match.index + match[0].length;
    }
    removed += text.slice(last).match(COMMENT_MARKERS)?.length ?? 0;
    return false;
  });
  return { json: stripJson(json) ?? json, places };
}

/** The range a comment covers, from its places: its range markers, or its reference alone (a point comment). */
export function commentRange(place: CommentPlace | undefined): { from: number; to: number } | null {
  const start = place?.start ?? place?.reference;
  const end = place?.end ?? place?.reference ?? start;
  if (start === undefined || end === undefined) return null;
  return { from: Math.min(start, end), to: Math.max(start, end) };
}
