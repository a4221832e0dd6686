/**
 * Review state in the DOCX export: suggestions become tracked changes (`w:ins`, `w:del`, and for a
 * formatting suggestion a format change, `w:rPrChange`) with their author's name and the time the
 * server recorded for the suggestion, and comment threads become Word comments (the opening comment
 * with its replies threaded under it) whose range markers sit where the thread is anchored.
 */
import type { Mark, Node } from '@tiptap/pm/model';
import {
  CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, InsertedTextRun, Paragraph, TextRun,
  type ICommentOptions, type IRunOptions, type ParagraphChild,
} from 'docx';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, suggestionAuthor, type BlockSuggestion } from '../../shared/editor/suggestion-ids.js';
import { FormatChanges, type RunFormatting } from './docx-formatting.js';
import { DeletedInsertedTextRun } from './docx-nested-change.js';
import type { ExportThread } from './docx-threads.js';

/** Word's name for someone the server could not name (a suggestion id without a known author). */
const UNKNOWN_AUTHOR = 'Unknown author';

/** A tracked change's identity as Word writes it. */
export interface DocxChange {
  id: number;
  author: string;
  date: string;
}

/** A Word comment's range in the body, snapped to positions inside textblocks. */
interface PlacedComment {
  id: number;
  from: number;
  to: number;
}

/** Everything the export walk asks about review state. */
export class DocxReview {
  /** Word comments, for the Document's `comments` option. */
  readonly comments: ICommentOptions[] = [];
  private readonly placed: PlacedComment[] = [];
  private nextRevision: number;
  private readonly formats: FormatChanges;
  /** Each textblock's (and leaf block's: a rule, a formula) block suggestion: its own, or an inserted or deleted block it is inside (a table's cells, a list's items). */
  private readonly blockSuggestions = new Map<Node, BlockSuggestion>();

  /**
   * `times` are the server's times of the suggestions by id (ms); a suggestion it has no time for
   * (made in the last moments before the export) is dated `at`, the export's time.
   */
  constructor(
    root: Node,
    threads: readonly ExportThread[],
    private readonly names: Readonly<Record<string, string>>,
    private readonly at: number,
    private readonly times: Readonly<Record<string, number>> = {},
  ) {
    this.formats = new FormatChanges(root);
    this.collectBlockSuggestions(root, null);
    const spans = textblockSpans(root);
    let id = 0;
    for (const thread of threads) {
      const range = snap(spans, thread.range) ?? (spans[0] ? { from: spans[0].from, to: spans[0].from } : null);
      if (!range) continue;
      let parentId: number | undefined;
      for (const comment of thread.comments) {
        this.comments.push({
          id,
          author: comment.author.name,
          initials: initialsOf(comment.author.name),
          date: new Date(comment.createdAt),
          parentId,
          resolved: thread.resolved || undefined,
          children: comment.body.split('\n').map((line) => new Paragraph(line)),
        });
        // Word writes range markers for every comment of a thread, replies included.
        this.placed.push({ id, ...range });
        parentId ??= id;
        id++;
      }
    }
    // Revision ids are unique among all of the file's annotations, comments included.
    this.nextRevision = id;
  }

  private collectBlockSuggestions(node: Node, inherited: BlockSuggestion | null): void {
    node.forEach((child) => {
      if (child.isInline) return;
      const own = blockSuggestionOf(child.attrs[BLOCK_SUGGESTION_ATTR]);
      // A whole inserted or deleted block carries its content with it; a type change is the block's own.
      const effective = own && own.kind !== 'type' ? own : (inherited ?? own);
      if (child.isTextblock || child.isLeaf) {
        if (effective) this.blockSuggestions.set(child, effective);
      } else {
        this.collectBlockSuggestions(child, effective && effective.kind !== 'type' ? effective : inherited);
      }
    });
  }

  /** The block suggestion of textblock `block` (see blockSuggestions), or null. */
  blockSuggestionOf(block: Node): BlockSuggestion | null {
    return this.blockSuggestions.get(block) ?? null;
  }

  /**
   * Paragraph properties for textblock `block`'s suggestion: its paragraph mark inserted or deleted
   * (`w:rPr/w:ins` or `w:del` in `w:pPr`), or, for a type change, the revision that holds its former
   * properties (`w:pPrChange`), which `formerProperties` gives for the block's former type.
   */
  paragraphChange(block: Node, formerProperties: (from: NonNullable<BlockSuggestion['from']>) => Record<string, unknown>): Record<string, unknown> {
    const suggestion = this.blockSuggestionOf(block);
    if (!suggestion) return {};
    const change = this.changeOf(suggestion.id);
    if (suggestion.kind === 'insertion') return { run: { insertion: change } };
    if (suggestion.kind === 'deletion') return { run: { deletion: change } };
    return suggestion.from ? { revision: { ...formerProperties(suggestion.from), ...change } } : {};
  }

  /** A new tracked change of suggestion `id`: the next revision id, its author's name, its time. */
  private changeOf(id: unknown): DocxChange {
    return { id: this.nextRevision++, author: this.authorOf(id), date: this.dateOf(id) };
  }

  /** Positions strictly inside `from`..`to` where a comment range starts or ends, or a format change's old formatting changes (text is split there). */
  cutsWithin(from: number, to: number): number[] {
    const cuts = new Set<number>();
    for (const c of this.placed) for (const at of [c.from, c.to]) if (at > from && at < to) cuts.add(at);
    for (const at of this.formats.cuts()) if (at > from && at < to) cuts.add(at);
    return [...cuts].sort((a, b) => a - b);
  }

  /** The range markers at position `at`: ends of ranges that close here, then starts (and empty ranges whole). */
  markersAt(at: number): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const c of this.placed) if (c.to === at && c.from < at) out.push(...this.end(c.id));
    for (const c of this.placed) {
      if (c.from !== at) continue;
      out.push(new CommentRangeStart(c.id));
      if (c.to === at) out.push(...this.end(c.id));
    }
    return out;
  }

  private end(id: number): ParagraphChild[] {
    return [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
  }

  /**
   * A run of text at `pos` with its suggestion (if any) as a tracked change; null for the old text of
   * a formatting suggestion, which the run of its new text carries as its previous formatting.
   */
  run(options: IRunOptions & { text: string }, marks: readonly Mark[], pos: number, block: BlockSuggestion | null = null): ParagraphChild | null {
    const suggestion = marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion');
    if (!suggestion) {
      // Text of a block suggested inserted or deleted is inserted or deleted with it.
      if (block?.kind === 'insertion') return new InsertedTextRun({ ...options, ...this.changeOf(block.id) });
      if (block?.kind === 'deletion') return new DeletedTextRun({ ...options, ...this.changeOf(block.id) });
      return new TextRun(options);
    }
    if (this.formats.isOldText(pos)) return null;
    // Zero-width spaces anchor suggested block boundaries in the editor; Word has its own paragraph marks.
    const text = options.text.replace(/\u200B/g, '');
    if (!text) return null;
    const deleted = suggestion.type.name === 'insertion' ? marks.find((m) => m.type.name === 'deletion') : undefined;
    // Someone's deletion inside another's insertion: Word nests the w:del in the w:ins.
    if (deleted) return new DeletedInsertedTextRun({ ...options, text }, this.changeOf(suggestion.attrs.id), this.changeOf(deleted.attrs.id));
    const change = this.changeOf(suggestion.attrs.id);
    const previous: RunFormatting | null = this.formats.previousAt(pos);
    // Word's schema wants the previous properties written out (an empty rPrChange is not valid): plain is said as plain.
    if (previous) return new TextRun({ ...options, text, revision: { ...previous, bold: previous.bold ?? false, italics: previous.italics ?? false, strike: previous.strike ?? false, ...change } });
    return suggestion.type.name === 'insertion' ? new InsertedTextRun({ ...options, text, ...change }) : new DeletedTextRun({ ...options, text, ...change });
  }

  /** The server's time of the suggestion, or the export's when it has none, as Word writes dates. */
  private dateOf(id: unknown): string {
    const time = typeof id === 'string' ? this.times[id] : undefined;
    return new Date(time ?? this.at).toISOString();
  }

  private authorOf(id: unknown): string {
    const userId = suggestionAuthor(id);
    return (userId !== null && this.names[userId]) || UNKNOWN_AUTHOR;
  }
}

/** Every textblock's inline range (`from` = first inline position, `to` = last), in document order. */
function textblockSpans(root: Node): Array<{ from: number; to: number }> {
  const spans: Array<{ from: number; to: number }> = [];
  root.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    spans.push({ from: pos + 1, to: pos + 1 + node.content.size });
    return false;
  });
  return spans;
}

/** `range` moved inwards onto inline positions (a range may begin or end between blocks), or null. */
function snap(spans: ReadonlyArray<{ from: number; to: number }>, range: ExportThread['range']): { from: number; to: number } | null {
  if (!range) return null;
  const first = spans.find((s) => s.to >= range.from);
  const last = [...spans].reverse().find((s) => s.from <= range.to);
  if (!first || !last) return null;
  const from = Math.max(first.from, range.from);
  const to = Math.min(last.to, range.to);
  return from <= to ? { from, to } : null;
}

function initialsOf(name: string): string {
  return name.split(/\s+/).filter(Boolean).map((part) => part[0]?.toUpperCase() ?? '').join('').slice(0, 4);
}
