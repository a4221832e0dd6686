/**
 * Formatting suggestions in the DOCX export. The editor suggests a formatting change the way
 * `@handlewithcare/prosemirror-suggest-changes` makes one: the text as it was, marked deleted, right
 * before the same text with the new formatting, marked inserted, both under one suggestion id.
 * Word has its own form for that, a format change (`w:rPrChange`: the run in its new formatting,
 * holding the formatting it had), which its reviewers accept or reject as one change; this finds
 * those pairs so the export writes them so.
 */
import type { Mark, Node } from '@tiptap/pm/model';
import type { IRunOptions } from 'docx';
import { DOCX_STYLE } from './docx-styles.js';

/** The run properties the export gives a piece of text with `marks`. */
export type RunFormatting = Pick<IRunOptions, 'bold' | 'italics' | 'strike' | 'underline' | 'style'>;

export function runFormatting(marks: readonly Mark[]): RunFormatting {
  const has = (name: string) => marks.some((m) => m.type.name === name);
  const link = marks.some((m) => m.type.name === 'link');
  return {
    bold: has('bold') || undefined,
    italics: has('italic') || undefined,
    strike: has('strike') || undefined,
    underline: has('underline') ? {} : undefined,
    style: has('code') ? DOCX_STYLE.inlineCode.id : link ? DOCX_STYLE.hyperlink.id : undefined,
  };
}

/** One formatting suggestion: the deleted old text at `deletedFrom`, the inserted new text right after it. */
interface FormatPair {
  deletedFrom: number;
  insertedFrom: number;
  length: number;
}

interface Span {
  id: string;
  kind: 'insertion' | 'deletion';
  from: number;
  to: number;
}

/** The marks of the character at `pos`. */
const marksAt = (root: Node, pos: number): readonly Mark[] => root.nodeAt(pos)?.marks ?? [];
const hrefAt = (root: Node, pos: number): unknown => marksAt(root, pos).find((m) => m.type.name === 'link')?.attrs.href ?? null;

/** The formatting suggestions of a document, and what the export asks of them. */
export class FormatChanges {
  private readonly pairs: FormatPair[] = [];

  constructor(private readonly root: Node) {
    root.descendants((block, pos) => {
      if (!block.isTextblock) return true;
      this.findPairs(this.spansOf(block, pos + 1));
      return false;
    });
  }

  /** Contiguous runs of text under one suggestion mark, in order. */
  private spansOf(block: Node, start: number): Span[] {
    const spans: Span[] = [];
    block.forEach((child, offset) => {
      const mark = child.isText ? child.marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion') : undefined;
      const from = start + offset;
      const last = spans[spans.length - 1];
      if (!mark) {
        spans.push({ id: '', kind: 'insertion', from, to: from + child.nodeSize });
        return;
      }
      const kind = mark.type.name as Span['kind'];
      const id = String(mark.attrs.id);
      if (last && last.id === id && last.kind === kind && last.to === from) last.to = from + child.nodeSize;
      else spans.push({ id, kind, from, to: from + child.nodeSize });
    });
    return spans;
  }

  /** A deletion followed at once by an insertion of the same id, the same text and the same links is a formatting change. */
  private findPairs(spans: readonly Span[]): void {
    for (let i = 0; i + 1 < spans.length; i++) {
      const deleted = spans[i] as Span;
      const inserted = spans[i + 1] as Span;
      if (!deleted.id || deleted.kind !== 'deletion' || inserted.kind !== 'insertion' || inserted.id !== deleted.id) continue;
      const length = deleted.to - deleted.from;
      if (inserted.to - inserted.from !== length) continue;
      if (this.root.textBetween(deleted.from, deleted.to) !== this.root.textBetween(inserted.from, inserted.to)) continue;
      // A link is no run property: a suggested link stays an insertion and a deletion.
      let sameLinks = true;
      for (let k = 0; k < length && sameLinks; k++) sameLinks = hrefAt(this.root, deleted.from + k) === hrefAt(this.root, inserted.from + k);
      if (sameLinks) this.pairs.push({ deletedFrom: deleted.from, insertedFrom: inserted.from, length });
    }
  }

  /** Whether `pos` is in the old text of a formatting change (which the export leaves out: the new run holds it). */
  isOldText(pos: number): boolean {
    return this.pairs.some((p) => pos >= p.deletedFrom && pos < p.deletedFrom + p.length);
  }

  /** The formatting the text at `pos` had before, when `pos` is in the new text of a formatting change. */
  previousAt(pos: number): RunFormatting | null {
    const pair = this.pairs.find((p) => pos >= p.insertedFrom && pos < p.insertedFrom + p.length);
    if (!pair) return null;
    return runFormatting(marksAt(this.root, pair.deletedFrom + (pos - pair.insertedFrom)));
  }

  /** Positions inside new text where the old formatting changes: a run is cut there, as each run has one previous formatting. */
  cuts(): number[] {
    const out: number[] = [];
    for (const pair of this.pairs) {
      for (let k = 1; k < pair.length; k++) {
        const a = marksAt(this.root, pair.deletedFrom + k - 1);
        const b = marksAt(this.root, pair.deletedFrom + k);
        if (JSON.stringify(runFormatting(a)) !== JSON.stringify(runFormatting(b))) out.push(pair.insertedFrom + k);
      }
    }
    return out;
  }
}
