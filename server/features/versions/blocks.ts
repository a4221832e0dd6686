/**
 * The leaf blocks of a document (paragraphs, headings, list items, cells, block math) as runs of
 * text, each run either plain or inside one suggestion mark. A compare works on the *accepted* text
 * (what the document says while its suggestions are still open: suggested insertions left out,
 * suggested deletions kept), and draws the runs of suggestions over it.
 */
import type { JSONContent } from '@tiptap/core';
import type { Mark, Node } from '@tiptap/pm/model';
import { toDocumentNode } from '../../text/schema.js';

/** The suggestion a run of text sits in; formatting suggestions (`modification`) count as plain text. */
export interface RunSuggestion {
  kind: 'insertion' | 'deletion';
  id: string;
}

export interface Run {
  text: string;
  suggestion: RunSuggestion | null;
}

export interface Block {
  type: string;
  runs: Run[];
  /** The accepted text: every run but suggested insertions. */
  text: string;
  /** Identity for aligning blocks: the type, the text and its suggestions. */
  key: string;
}

const ZERO_WIDTH_SPACE = /\u200B/g;

function leafText(leaf: Node): string {
  if (leaf.type.name === 'hardBreak') return '\n';
  // A cross-reference's number depends on the whole document; a compare shows that one is there.
  if (leaf.type.name === 'figureRef') return 'Figure';
  if (leaf.type.name === 'inlineMath' || leaf.type.name === 'blockMath') return String(leaf.attrs.latex ?? '');
  return '';
}

/** The insertion or deletion among `marks`; an insertion wins, as its text is not accepted yet. */
function suggestionOf(marks: readonly Mark[]): RunSuggestion | null {
  const find = (kind: RunSuggestion['kind']) => marks.find((m) => m.type.name === kind);
  const mark = find('insertion') ?? find('deletion');
  if (!mark) return null;
  return { kind: mark.type.name as RunSuggestion['kind'], id: String(mark.attrs.id) };
}

function sameSuggestion(a: RunSuggestion | null, b: RunSuggestion | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id);
}

function blockOf(type: string, runs: Run[]): Block {
  const text = runs.filter((r) => r.suggestion?.kind !== 'insertion').map((r) => r.text).join('');
  const suggested = runs.some((r) => r.suggestion !== null);
  // A block without suggestions keeps the plain key it always had.
  const key = suggested ? `${type}\u0000${JSON.stringify(runs)}` : `${type}\u0000${text}`;
  return { type, runs, text, key };
}

function runsOf(textblock: Node): Run[] {
  const runs: Run[] = [];
  textblock.forEach((inline) => {
    const suggestion = suggestionOf(inline.marks);
    // Zero-width spaces inside suggestions are the library's anchors of suggested block boundaries.
    const raw = inline.isText ? (inline.text ?? '') : leafText(inline);
    const text = suggestion ? raw.replace(ZERO_WIDTH_SPACE, '') : raw;
    if (text === '') return;
    const last = runs[runs.length - 1];
    if (last && sameSuggestion(last.suggestion, suggestion)) last.text += text;
    else runs.push({ text, suggestion });
  });
  return runs;
}

/** The leaf blocks of a document in order: every textblock, and block atoms such as math. */
export function blocksOf(json: JSONContent): Block[] {
  const node = toDocumentNode(json);
  const out: Block[] = [];
  node.descendants((child) => {
    if (child.isTextblock) {
      const type = child.type.name === 'heading' ? `heading${String(child.attrs.level ?? 1)}` : child.type.name;
      out.push(blockOf(type, runsOf(child)));
      return false;
    }
    if (child.isBlock && child.isAtom) {
      const text = leafText(child);
      out.push(blockOf(child.type.name, text ? [{ text, suggestion: suggestionOf(child.marks) }] : []));
      return false;
    }
    return true;
  });
  return out;
}
