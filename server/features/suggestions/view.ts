/**
 * What a reader sees of part of the document body once every suggestion of one writer is reverted:
 * the "view" the suggestion guard compares before and after a commenter's update. It reads Yjs data
 * of the `default` XmlFragment directly (y-prosemirror's layout: an XmlElement per node with its
 * attributes, an XmlText per run of inline content with marks as formatting attributes), so the
 * editor schema never loads on the server.
 *
 * A view is a list of tokens: `<name {attrs}>` and `</name>` for elements, one token per character
 * (or embed) with its formatting. Reverting the writer's suggestions means:
 *   - text carrying the writer's `insertion` mark is left out;
 *   - the writer's `deletion` and `modification` marks are removed from the formatting;
 *   - zero-width spaces carrying any of the writer's marks are left out (the suggest-changes library
 *     inserts them as anchors of a suggested block boundary or a deleted one);
 *   - the element boundaries (closing and opening tokens) between two characters are left out when
 *     both characters are zero-width spaces of the writer's insertion: that is how a suggested block
 *     boundary (a split paragraph, pasted paragraphs) is anchored (the editor adds the anchors where
 *     the library leaves them out, shared/editor/suggest-as.ts). A genuine boundary never gets anchors
 *     on both sides without the update that adds them being refused, so none can be removed this way.
 *   - a block with the writer's block suggestion (the element attribute BLOCK_SUGGESTION_ATTR): an
 *     inserted block goes with what the writer wrote in it, but what others wrote or built in it stays
 *     (the editor marks the writer's own text in such a block, shared/editor/suggest-as.ts):
 *       - its characters without the writer's insertion mark are read;
 *       - a block nested in it is the writer's when it carries their own insertion, was created by the
 *         same Yjs client as the inserted block around it (its original rows, cells, paragraphs), or is
 *         a paragraph the writer opened (all its text theirs, starting or ending with their anchor);
 *         any other nested block (an empty paragraph or a row an editor added) is read as it is;
 *       - a block of the writer's that holds something of others' is read by its Yjs identity, so
 *         others' text cannot move from one of the writer's blocks to another; one that holds nothing
 *         of others' is left out whole.
 *     A deleted one stays without the attribute, one whose type changed is read with the type and
 *     attributes it records as its former ones.
 *     Known limit: a split of others' text inside the writer's inserted block is refused (it would be
 *     a boundary in others' structure, which that block's reading has no anchors for).
 * Other authors' suggestions stay in the view with their ids, so any change to them shows.
 */
import * as Y from 'yjs';
import {
  BLOCK_SUGGESTION_ATTR,
  blockSuggestionOf,
  suggestionAuthor,
  suggestionIdOf,
  suggestionMarkOfKey,
  type BlockSuggestion,
} from '../../../shared/editor/suggestion-ids.js';

const ZERO_WIDTH_SPACE = '\u200B';

/** Which items a view shows: those visible before a transaction, or after it. */
export type Visible = (item: Y.Item) => boolean;

interface Token {
  key: string;
  /** A character (or embed), as opposed to an element boundary. */
  char: boolean;
  /** Left out: part of the writer's suggestions. */
  dropped: boolean;
  /** A zero-width space of the writer's insertion: a boundary between two of them is suggested. */
  anchor: boolean;
  /** Read from inside the writer's inserted block: never part of a boundary the anchors drop. */
  solid?: true;
}

/** JSON with sorted object keys, so equal values give equal strings. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The block suggestion `value` when it is `writerId`'s own, else null. */
function ownBlockSuggestion(value: unknown, writerId: string): BlockSuggestion | null {
  const block = blockSuggestionOf(value);
  return block && suggestionAuthor(block.id) === writerId ? block : null;
}

/** `attrs` becomes `from`, as y-prosemirror stores attributes (a null attribute is not stored). */
function replaceAttributes(attrs: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const key of Object.keys(attrs)) delete attrs[key];
  for (const [key, value] of Object.entries(from)) if (value !== null && value !== undefined && key !== BLOCK_SUGGESTION_ATTR) attrs[key] = value;
}

/** True when `item` is a block the writer suggested inserting: no view shows it. */
export function isOwnInsertedBlock(item: Y.Item, writerId: string, visible: Visible): boolean {
  const content = item.content;
  if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.XmlElement)) return false;
  let last: Y.Item | null = content.type._map.get(BLOCK_SUGGESTION_ATTR) ?? null;
  while (last !== null && !visible(last)) last = last.left;
  if (last === null) return false;
  const values = last.content.getContent();
  return ownBlockSuggestion(values[values.length - 1], writerId)?.kind === 'insertion';
}

/** Collects the tokens of a list of items, judged against one writer. */
class ViewBuilder {
  readonly tokens: Token[] = [];

  /** How many of the writer's inserted blocks enclose what is read now: inside one, only others' content counts. */
  private insideOwnInsertion = 0;
  /** The Yjs client that created the innermost of the writer's inserted blocks being read. */
  private ownerClient = -1;

  constructor(
    private readonly writerId: string,
    private readonly visible: Visible,
  ) {}

  addItem(item: Y.Item): void {
    if (!this.visible(item)) return;
    const content = item.content;
    if (content instanceof Y.ContentType) {
      const type = content.type;
      if (type instanceof Y.XmlElement) return this.addElement(type, item);
      if (type instanceof Y.XmlText) return this.addText(type);
    }
    // Anything y-prosemirror does not write (a hook, a plain value): opaque, compared by its content.
    this.push(`?${item.content.constructor.name}:${stableJson(item.content.getContent())}`, true, false, false);
  }

  private push(key: string, char: boolean, dropped: boolean, anchor: boolean): void {
    // Inside the writer's inserted block, the writer's own characters go with the block; they are not
    // even tokens, so the boundary rules outside it read exactly what they did without it.
    if (this.insideOwnInsertion > 0) {
      if (!dropped) this.tokens.push({ key, char, dropped, anchor, solid: true });
      return;
    }
    this.tokens.push({ key, char, dropped, anchor });
  }

  private addElement(element: Y.XmlElement, item: Y.Item): void {
    const attrs = this.attributesOf(element);
    let name = element.nodeName;
    const block = ownBlockSuggestion(attrs[BLOCK_SUGGESTION_ATTR], this.writerId);
    // The writer's block suggestion, reverted: an inserted block goes (but for others' content in it).
    if (block?.kind === 'insertion') return this.addOwnElement(element, item, item.id.client);
    if (this.insideOwnInsertion > 0 && (item.id.client === this.ownerClient || this.isOpenedByWriter(element))) {
      return this.addOwnElement(element, item, this.ownerClient);
    }
    if (block) {
      // A deleted one stays, a changed one is read as it was.
      delete attrs[BLOCK_SUGGESTION_ATTR];
      if (block.kind === 'type' && block.from) {
        name = block.from.type;
        replaceAttributes(attrs, block.from.attrs);
      }
    }
    this.push(`<${name} ${stableJson(attrs)}>`, false, false, false);
    for (let child = element._start; child !== null; child = child.right) this.addItem(child);
    this.push(`</${name}>`, false, false, false);
  }

  /**
   * A block of the writer's inside (or being) their inserted block: left out, unless it holds
   * something of others' (their text, a block they added), then read by its identity around it.
   */
  private addOwnElement(element: Y.XmlElement, item: Y.Item, ownerClient: number): void {
    const start = this.tokens.length;
    const outerClient = this.ownerClient;
    this.insideOwnInsertion += 1;
    this.ownerClient = ownerClient;
    try {
      for (let child = element._start; child !== null; child = child.right) this.addItem(child);
    } finally {
      this.insideOwnInsertion -= 1;
      this.ownerClient = outerClient;
    }
    if (this.tokens.length === start) return;
    const identity = `${item.id.client}:${item.id.clock}`;
    this.tokens.splice(start, 0, { key: `<#${identity}>`, char: false, dropped: false, anchor: false, solid: true });
    this.tokens.push({ key: `</#${identity}>`, char: false, dropped: false, anchor: false, solid: true });
  }

  /**
   * A paragraph the writer opened inside their inserted block (Enter, in a later session than the
   * block's): only their inserted text, with their zero-width anchor at its start or end. Text of
   * theirs typed into someone else's empty paragraph has no anchor, so that paragraph stays others'.
   */
  private isOpenedByWriter(element: Y.XmlElement): boolean {
    const chars: Array<{ char: string; own: boolean }> = [];
    for (let child = element._start; child !== null; child = child.right) {
      if (!this.visible(child)) continue;
      const content = child.content;
      if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.XmlText)) return false;
      const formats = new Map<string, unknown>();
      for (let run = content.type._start; run !== null; run = run.right) {
        if (!this.visible(run)) continue;
        if (run.content instanceof Y.ContentFormat) {
          if (run.content.value === null) formats.delete(run.content.key);
          else formats.set(run.content.key, run.content.value);
        } else if (run.content instanceof Y.ContentString) {
          const own = this.isOwnInsertion(formats);
          for (const char of run.content.str) chars.push({ char, own });
        } else if (!(run.content instanceof Y.ContentDeleted)) return false;
      }
    }
    const first = chars[0];
    const last = chars[chars.length - 1];
    if (!first || !last || chars.some((c) => !c.own)) return false;
    return first.char === ZERO_WIDTH_SPACE || last.char === ZERO_WIDTH_SPACE;
  }

  private isOwnInsertion(formats: ReadonlyMap<string, unknown>): boolean {
    for (const [key, value] of formats) {
      if (suggestionMarkOfKey(key) === 'insertion' && suggestionAuthor(suggestionIdOf(value)) === this.writerId) return true;
    }
    return false;
  }

  /** The element's attributes as the view sees them (the newest visible value of each key). */
  private attributesOf(element: Y.XmlElement): Record<string, unknown> {
    const attrs: Record<string, unknown> = {};
    for (const [key, last] of element._map) {
      let item: Y.Item | null = last;
      while (item !== null && !this.visible(item)) item = item.left;
      if (item === null) continue;
      const values = item.content.getContent();
      attrs[key] = values[values.length - 1];
    }
    return attrs;
  }

  private addText(text: Y.XmlText): void {
    const formats = new Map<string, unknown>();
    for (let item = text._start; item !== null; item = item.right) {
      if (!this.visible(item)) continue;
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        if (content.value === null) formats.delete(content.key);
        else formats.set(content.key, content.value);
      } else if (content instanceof Y.ContentString) {
        for (const char of content.str) this.addChar(char, formats);
      } else if (content instanceof Y.ContentEmbed) {
        this.addChar(`{embed}${stableJson(content.embed)}`, formats);
      } else if (!(content instanceof Y.ContentDeleted)) {
        this.addChar(`{${content.constructor.name}}`, formats);
      }
    }
  }

  private addChar(char: string, formats: ReadonlyMap<string, unknown>): void {
    let inserted = false;
    let ownMark = false;
    const kept: Record<string, unknown> = {};
    for (const [key, value] of formats) {
      const mark = suggestionMarkOfKey(key);
      const own = mark !== null && suggestionAuthor(suggestionIdOf(value)) === this.writerId;
      if (own && mark === 'insertion') inserted = true;
      if (own) ownMark = true;
      else kept[key] = value;
    }
    const dropped = inserted || (ownMark && char === ZERO_WIDTH_SPACE);
    this.push(`${JSON.stringify(char)} ${stableJson(kept)}`, true, dropped, inserted && char === ZERO_WIDTH_SPACE);
  }
}

/** The view of `items` (top-level items of the body, in order) with `writerId`'s suggestions reverted. */
export function viewOf(items: Iterable<Y.Item>, writerId: string, visible: Visible): string[] {
  const builder = new ViewBuilder(writerId, visible);
  for (const item of items) builder.addItem(item);
  return revertedKeys(builder.tokens);
}

/** The kept tokens: boundaries between two anchors of the writer's go with them (unless others' content of an inserted block is among them). */
function revertedKeys(tokens: readonly Token[]): string[] {
  const keys: string[] = [];
  let runStart = 0;
  let before: Token | null = null;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    if (token !== undefined && !token.char) continue;
    // tokens[runStart, i) is a run of boundaries between `before` and `token`.
    const dropRun = before?.anchor === true && token?.anchor === true && !tokens.slice(runStart, i).some((t) => t.solid);
    if (!dropRun) for (let j = runStart; j < i; j++) keys.push((tokens[j] as Token).key);
    if (token === undefined) break;
    if (!token.dropped) keys.push(token.key);
    before = token;
    runStart = i + 1;
  }
  return keys;
}

/** True when the element or text of `item` holds at least one character visible under `visible`. */
export function holdsText(item: Y.Item, visible: Visible): boolean {
  const content = item.content;
  if (!(content instanceof Y.ContentType)) return visible(item);
  for (let child = content.type._start; child !== null; child = child.right) {
    if (!visible(child)) continue;
    if (child.content instanceof Y.ContentString || child.content instanceof Y.ContentEmbed) return true;
    if (child.content instanceof Y.ContentType && holdsText(child, visible)) return true;
  }
  return false;
}
