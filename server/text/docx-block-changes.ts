/**
 * Whole-paragraph tracked changes on import, read from the markers docx-block-marks.ts left at the
 * start of each changed paragraph, as the editor's block suggestions (shared/editor/suggestion-ids.ts):
 * - a paragraph whose mark and whole text were inserted by one author: a block insertion, its text
 *   marked inserted under the block's id (as the editor marks a suggested new paragraph);
 * - likewise deleted: a block deletion, its text unmarked (the block's suggestion says it goes);
 * - a property change recording another style (Normal → Heading 2): a `type` suggestion, the block in
 *   its new type and `from` its former one.
 * A mark change over text that was not all changed by that author (Enter pressed inside old text)
 * stays as the text changes it holds. Without an importer every change is accepted: an inserted
 * paragraph stays, a deleted one goes, a type change keeps the new type.
 */
import type { JSONContent } from '@tiptap/core';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, type BlockSuggestion } from '../../shared/editor/suggestion-ids.js';
import type { ParagraphChange } from './docx-block-marks.js';
import { BLOCK, BLOCK_TOKEN, decodeIndex, MARKER_TOKEN } from './docx-markers.js';
import { suggestionId, type ImportedSuggestion, type TrackedChange } from './docx-tracked.js';
import { documentSchema } from './schema.js';
import { DOCX_STYLE } from './docx-styles.js';

/** What the file's changes look like in the text: text changes, and the style names by id. */
export interface BlockChangeInput {
  paragraphs: readonly ParagraphChange[];
  /** The text changes (docx-tracked.ts), whose markers are still in the text. */
  text: readonly TrackedChange[];
  styles: ReadonlyMap<string, string>;
  importerId: string | null;
}

/** Text changes folded into a block suggestion (see FoldedChanges), and the block suggestions made. */
export interface BlockChangeResult {
  json: JSONContent;
  folded: Map<number, string | null>;
  suggestions: ImportedSuggestion[];
}

type Former = NonNullable<BlockSuggestion['from']>;

/** Characters that are markers rather than text (tracked changes, blocks, comment ranges). */
const MARKER_CHAR = /[\uE000-\uE03F]/;

const canHoldSuggestion = (type: string | undefined) => Boolean(type && documentSchema.nodes[type]?.spec.attrs?.[BLOCK_SUGGESTION_ATTR]);

/** The editor's attributes of a block of `type` (its defaults, `attrs` over them), without a suggestion. */
function blockAttrs(type: string, attrs: Record<string, unknown>): Record<string, unknown> {
  const nodeType = documentSchema.nodes[type];
  if (!nodeType) return attrs;
  const all: Record<string, unknown> = { ...nodeType.create(attrs).attrs };
  delete all[BLOCK_SUGGESTION_ATTR];
  return all;
}

/** The block a paragraph of style `styleId` was, the way docx-import.ts's style map reads it. */
function formerBlock(styleId: string | null, styles: ReadonlyMap<string, string>): Former {
  const name = styleId === null ? '' : (styles.get(styleId) ?? styleId);
  const level = /^heading\s*([1-6])$/i.exec(name)?.[1];
  if (level) return { type: 'heading', attrs: blockAttrs('heading', { level: Number(level) }) };
  if (name === DOCX_STYLE.codeBlock.name || styleId === DOCX_STYLE.codeBlock.id) return { type: 'codeBlock', attrs: blockAttrs('codeBlock', {}) };
  return { type: 'paragraph', attrs: blockAttrs('paragraph', {}) };
}

/** Whether block `json` already is `former` (a property change that left the style alone). */
function isSame(json: JSONContent, former: Former): boolean {
  if (json.type !== former.type) return false;
  return json.type !== 'heading' || Number(json.attrs?.level) === Number(former.attrs.level);
}

/**
 * Whether every character of `text` (marker-laden, see docx-markers.ts) lies inside a text change of
 * `kind` by `author`, with the indexes of those changes; null when some does not.
 */
function changedWhole(text: string, changes: readonly TrackedChange[], kind: TrackedChange['kind'], author: string): Set<number> | null {
  const indexes = new Set<number>();
  let current: number | null = null;
  let last = 0;
  const check = (piece: string): boolean => {
    for (const char of piece) {
      if (MARKER_CHAR.test(char)) continue;
      const change = current === null ? undefined : changes[current];
      if (!change || change.kind !== kind || change.author !== author || change.formatting || change.formatOf !== undefined) return false;
      indexes.add(current as number);
    }
    return true;
  };
  for (const match of text.matchAll(MARKER_TOKEN)) {
    if (!check(text.slice(last, match.index))) return null;
    current = match[1] ? decodeIndex(match[1]) : null;
    last = match.index + match[0].length;
  }
  return check(text.slice(last)) ? indexes : null;
}

/** Reads the block markers of a converted document into block suggestions (see the file's comment). */
export class BlockChangeReader {
  private readonly foldedIds = new Map<number, string | null>();
  /** Ids of blocks lifted into their container's suggestion: the id that took their place. */
  private readonly alias = new Map<string, string>();
  /** The block suggestions made, by id (a lifted container's children's go: see lift). */
  private readonly made = new Map<string, ImportedSuggestion>();

  constructor(private readonly input: BlockChangeInput) {}

  /** `json` with its block markers read and removed, and its block changes as suggestions. */
  node(json: JSONContent): JSONContent {
    const found = this.takeMarker(json);
    let node = found.json;
    if (node.content) node = this.lift({ ...node, content: node.content.map((child) => (child.type === 'text' ? child : this.node(child))) });
    const change = found.index === null ? undefined : this.input.paragraphs[found.index];
    return change && canHoldSuggestion(node.type) ? this.apply(node, change) : node;
  }

  /** The textblock `json` with `change` made its suggestion (when the change is one: see the file's comment). */
  private apply(json: JSONContent, change: ParagraphChange): JSONContent {
    const { text: changes, styles } = this.input;
    const text = (json.content ?? []).map((child) => child.text ?? '').join('');
    const whole = change.mark ? changedWhole(text, changes, change.mark.kind, change.mark.author) : null;
    if (change.mark && whole) {
      const id = this.newId();
      // An inserted paragraph's text is marked with the block's id; a deleted one's stays plain.
      for (const index of whole) this.foldedIds.set(index, change.mark.kind === 'insertion' ? id : null);
      return this.suggest(json, { kind: change.mark.kind, id }, change.mark);
    }
    if (!change.former) return json;
    const from = formerBlock(change.former.style, styles);
    if (isSame(json, from)) return json;
    return this.suggest(json, { kind: 'type', id: this.newId(), from }, change.former);
  }

  /**
   * A container (a table, a row, a list, a quote) all of whose blocks one author inserted, or
   * deleted, is itself inserted or deleted: Word keeps that on each paragraph, the editor on the
   * outermost block (and an inserted block's text under its id).
   */
  private lift(json: JSONContent): JSONContent {
    const children = json.content ?? [];
    if (json.type === 'doc' || children.length === 0 || !canHoldSuggestion(json.type) || documentSchema.nodes[json.type ?? '']?.isTextblock) return json;
    const own = children.map((child) => blockSuggestionOf(child.attrs?.[BLOCK_SUGGESTION_ATTR]));
    const first = own[0];
    const authorOf = (id: string | undefined) => (id === undefined ? undefined : this.made.get(id)?.author);
    const author = authorOf(first?.id);
    if (!first || first.kind === 'type' || author === undefined || !own.every((s) => s && s.kind === first.kind && authorOf(s.id) === author)) return json;
    const merged = new Set(own.map((s) => s?.id));
    merged.delete(first.id);
    for (const id of merged) if (id !== undefined) this.alias.set(id, first.id);
    for (const id of merged) if (id !== undefined) this.made.delete(id);
    const content = children.map((child) => ({ ...child, attrs: { ...child.attrs, [BLOCK_SUGGESTION_ATTR]: null } }));
    return { ...json, content, attrs: { ...json.attrs, [BLOCK_SUGGESTION_ATTR]: { kind: first.kind, id: first.id } } };
  }

  /** The text changes folded into block suggestions, each under its block's id (or its container's, when lifted). */
  get folded(): Map<number, string | null> {
    const resolve = (id: string): string => {
      let at = id;
      for (let next = this.alias.get(at); next !== undefined; next = this.alias.get(at)) at = next;
      return at;
    };
    return new Map([...this.foldedIds].map(([index, id]) => [index, id === null ? null : resolve(id)]));
  }

  /** The block suggestions made, in the order their blocks were read. */
  get suggestions(): ImportedSuggestion[] {
    return [...this.made.values()];
  }

  /** A suggestion id: the importer's, or (when every change is accepted) a stand-in that never leaves. */
  private newId(): string {
    return suggestionId(this.input.importerId ?? 'accepted');
  }

  private suggest(json: JSONContent, suggestion: BlockSuggestion, by: { author: string; date: string | null }): JSONContent {
    const { id, ...block } = suggestion;
    this.made.set(id, { kind: suggestion.kind === 'deletion' ? 'deletion' : 'insertion', author: by.author, date: by.date, id, block });
    return { ...json, attrs: { ...json.attrs, [BLOCK_SUGGESTION_ATTR]: suggestion } };
  }

  /**
   * `json` without its block markers, and the first one's change index. They sit in its text, or,
   * for a formula (whose text became its LaTeX), in its attributes.
   */
  private takeMarker(json: JSONContent): { json: JSONContent; index: number | null } {
    let index: number | null = null;
    const strip = (text: string) =>
      text.replace(BLOCK_TOKEN, (_whole, code: string) => {
        index ??= decodeIndex(code);
        return '';
      });
    let out = json;
    if (json.content?.some((child) => child.type === 'text' && child.text?.includes(BLOCK))) {
      const content = json.content.map((child) => (child.type === 'text' && child.text ? { ...child, text: strip(child.text) } : child)).filter((child) => child.type !== 'text' || child.text);
      out = { ...out, content };
    }
    if (json.attrs && JSON.stringify(json.attrs).includes(BLOCK)) {
      out = { ...out, attrs: Object.fromEntries(Object.entries(json.attrs).map(([key, value]) => [key, typeof value === 'string' ? strip(value) : value])) };
    }
    return { json: out, index: index !== null && this.input.paragraphs[index] ? index : null };
  }
}

/**
 * Every block change accepted: a deleted block goes (a container never loses its last block: that
 * one stays, emptied, and its deleted text goes with the text changes), the others lose their mark.
 */
function accepted(json: JSONContent): JSONContent | null {
  const suggestion = blockSuggestionOf(json.attrs?.[BLOCK_SUGGESTION_ATTR]);
  if (suggestion?.kind === 'deletion') return null;
  const attrs = suggestion ? { ...json.attrs, [BLOCK_SUGGESTION_ATTR]: null } : json.attrs;
  if (!json.content) return suggestion ? { ...json, attrs } : json;
  const content = json.content.map((child) => (child.type === 'text' ? child : accepted(child))).filter((child): child is JSONContent => child !== null);
  const kept = content.length > 0 || json.content.length === 0 ? content : [{ ...(json.content[0] as JSONContent), attrs: { ...json.content[0]?.attrs, [BLOCK_SUGGESTION_ATTR]: null }, content: [] }];
  return { ...json, ...(attrs ? { attrs } : {}), content: kept };
}

/** `json` with its paragraphs' block changes read (see BlockChangeReader). */
export function readBlockChanges(json: JSONContent, input: BlockChangeInput): BlockChangeResult {
  const reader = new BlockChangeReader(input);
  const read = reader.node(json);
  if (input.importerId === null) return { json: accepted(read) ?? { type: 'doc', content: [{ type: 'paragraph' }] }, folded: new Map(), suggestions: [] };
  return { json: read, folded: reader.folded, suggestions: reader.suggestions };
}
