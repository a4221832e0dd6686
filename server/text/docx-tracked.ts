/**
 * Tracked changes of an imported .docx. mammoth accepts every `w:ins` silently and drops every `w:del`,
 * so before it reads `word/document.xml` each change's text is wrapped in private-use marker
 * characters naming the change (`w:del` is unwrapped and its `w:delText` made ordinary text, so
 * mammoth keeps it). The markers ride through mammoth and the HTML parse untouched, and afterwards
 * turn into `insertion` / `deletion` marks on exactly the text they enclose. Markers are plain
 * characters, so this never depends on how mammoth splits or merges runs and paragraphs.
 */
import type { JSONContent } from '@tiptap/core';
import { randomBytes } from 'node:crypto';
import { SUGGESTION_ID_SEPARATOR, type BlockSuggestion } from '../../shared/editor/suggestion-ids.js';
import { documentSchema } from './schema.js';
import { unescapeXml, xmlAttr as attr } from './docx-xml.js';
import { expandFormatChanges } from './docx-format-changes.js';
import { CLOSE, decodeIndex, encodeIndex, MARKER_TOKEN, MARKERS, OPEN, SEP } from './docx-markers.js';

/** One tracked change of the file, as Word (or LibreOffice) recorded it. */
export interface TrackedChange {
  kind: 'insertion' | 'deletion';
  author: string;
  /** ISO date as written in the file, or null. */
  date: string | null;
  /** A format change's deletion half (its old text), whose suggestion is a formatting suggestion. */
  formatting?: boolean;
  /** A format change's insertion half: the index of its deletion half, whose suggestion id it shares. */
  formatOf?: number;
}

/** A change as a suggestion of the importer's, with what the file said of it. */
export interface ImportedSuggestion extends TrackedChange {
  id: string;
  /** A suggestion about a whole paragraph (docx-block-changes.ts): its kind, and for a type change what the block was. */
  block?: Omit<BlockSuggestion, 'id'>;
}

/**
 * Text changes that belong to a whole-paragraph suggestion, by change index: the text takes that
 * suggestion's id (an inserted paragraph's text, as the editor marks it), or, for null, stays
 * unmarked (a deleted paragraph's text: the block's own suggestion says it goes).
 */
export type FoldedChanges = ReadonlyMap<number, string | null>;

/**
 * `xml` (word/document.xml) with each tracked change's text wrapped in markers, and the changes by
 * index. A paragraph-mark change (`<w:ins …/>` inside run properties) carries no text; docx-block-marks.ts
 * has already taken it out (and left a marker for it) when this runs.
 */
export function markTrackedChanges(xml: string): { xml: string; changes: TrackedChange[] } {
  const changes: TrackedChange[] = [];
  const open: number[] = [];
  const TOKEN = /<w:(?:ins|del)\b[^>]*\/>|<(\/?)w:(ins|del)\b([^>]*)>|<w:(t|delText)\b([^>]*)>([^<]*)<\/w:(?:t|delText)>/g;
  const out = expandFormatChanges(xml.replace(MARKERS, '')).replace(TOKEN, (whole, closing: string | undefined, tag: string | undefined, attrs: string | undefined, textTag: string | undefined, textAttrs: string | undefined, text: string | undefined) => {
    if (tag) {
      if (closing) open.pop();
      else {
        const date = attr(attrs ?? '', 'date');
        const change: TrackedChange = { kind: tag === 'ins' ? 'insertion' : 'deletion', author: unescapeXml(attr(attrs ?? '', 'author') ?? ''), date };
        // The two halves of a format change (docx-format-changes.ts) are written one right after the other.
        const half = attr(attrs ?? '', 'conferFormat');
        const previous = changes[changes.length - 1];
        if (half === 'old' && tag === 'del') change.formatting = true;
        if (half === 'new' && tag === 'ins' && previous?.formatting && previous.formatOf === undefined) change.formatOf = changes.length - 1;
        changes.push(change);
        open.push(changes.length - 1);
      }
      // mammoth reads what is inside w:ins; a w:del it would drop whole, so it goes and its runs stay.
      return tag === 'del' ? '' : whole;
    }
    if (textTag) {
      const index = open[open.length - 1];
      if (index === undefined) return whole;
      return `<w:t${textAttrs ?? ''}>${OPEN}${encodeIndex(index)}${SEP}${text ?? ''}${CLOSE}</w:t>`;
    }
    return whole;
  });
  return { xml: out, changes };
}

/** A fresh suggestion id of the importer's (the server's guard wants the writer's own id). */
export function suggestionId(importerId: string): string {
  return `${importerId}${SUGGESTION_ID_SEPARATOR}${randomBytes(9).toString('base64url')}`;
}

/** Replaces the markers in every text node: marked text gets its suggestion mark, or (where no mark may go) is accepted. */
class MarkerReader {
  readonly suggestions: ImportedSuggestion[] = [];
  private readonly ids = new Map<number, string>();
  private current: number | null = null;

  constructor(
    private readonly changes: readonly TrackedChange[],
    private readonly importerId: string | null,
    private readonly folded: FoldedChanges,
  ) {}

  node(json: JSONContent): JSONContent {
    const attrs = json.attrs ? (JSON.parse(JSON.stringify(json.attrs).replace(MARKERS, '')) as Record<string, unknown>) : undefined;
    if (!json.content) return attrs ? { ...json, attrs } : json;
    const type = documentSchema.nodes[json.type ?? ''];
    const marksAllowed = Boolean(type?.isTextblock && type.allowsMarkType(documentSchema.marks.insertion!));
    // A change never spans a block: what one left open ends with its paragraph.
    this.current = null;
    const content = json.content.flatMap((child) => (child.type === 'text' ? this.text(child, marksAllowed) : [this.node(child)]));
    this.current = null;
    return { ...json, ...(attrs ? { attrs } : {}), content };
  }

  private text(node: JSONContent, marksAllowed: boolean): JSONContent[] {
    const text = node.text ?? '';
    const out: JSONContent[] = [];
    let last = 0;
    const emit = (piece: string) => {
      const cleaned = piece.replace(MARKERS, '');
      if (!cleaned) return;
      const change = this.current === null ? undefined : this.changes[this.current];
      if (!change || !this.importerId || !marksAllowed) {
        // Without an importer (or where marks cannot go) the change is accepted: insertions stay, deletions go.
        if (change?.kind !== 'deletion') out.push({ ...node, text: cleaned });
        return;
      }
      const folded = this.folded.get(this.current as number);
      if (folded === null) {
        out.push({ ...node, text: cleaned });
        return;
      }
      const id = folded ?? this.idOf(this.current as number, change);
      out.push({ ...node, text: cleaned, marks: [...(node.marks ?? []), { type: change.kind, attrs: { id } }] });
    };
    for (const match of text.matchAll(MARKER_TOKEN)) {
      emit(text.slice(last, match.index));
      this.current = match[1] ? decodeIndex(match[1]) : null;
      if (this.current !== null && this.changes[this.current] === undefined) this.current = null;
      last = match.index + match[0].length;
    }
    emit(text.slice(last));
    return out;
  }

  private idOf(index: number, change: TrackedChange): string {
    if (change.formatOf !== undefined) {
      const deleted = this.changes[change.formatOf];
      if (deleted) return this.idOf(change.formatOf, deleted);
    }
    let id = this.ids.get(index);
    if (id === undefined) {
      id = suggestionId(this.importerId as string);
      this.ids.set(index, id);
      this.suggestions.push({ ...change, id });
    }
    return id;
  }
}

/**
 * `json` with the markers of `changes` turned into suggestions of `importerId` (null: every change
 * accepted), `folded` ones taken into their paragraph's suggestion, and the suggestions made, in document order.
 */
export function applyTrackedChanges(json: JSONContent, changes: readonly TrackedChange[], importerId: string | null, folded: FoldedChanges = new Map()): { json: JSONContent; suggestions: ImportedSuggestion[] } {
  const reader = new MarkerReader(changes, importerId, folded);
  return { json: reader.node(json), suggestions: reader.suggestions };
}
