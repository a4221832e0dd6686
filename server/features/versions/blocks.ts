/**
 * The leaf blocks of a document (paragraphs, headings, list items, cells, block math) as runs of
 * text, each run either plain or inside one suggestion mark. A compare works on the *accepted* text
 * (what the document says while its suggestions are still open: suggested insertions left out,
 * suggested deletions kept), and draws the runs of suggestions over it. A block suggestion
 * (shared/editor/block-suggestion.ts) counts as the same suggestion on all the text of its block and
 * of the blocks inside it (a suggested table's cells); a suggested type change is read at the type
 * it records as the former one, as it is not accepted yet.
 */
import type { JSONContent } from '@tiptap/core';
import type { Mark, Node } from '@tiptap/pm/model';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf } from '../../../shared/editor/suggestion-ids.js';
import { toDocumentNode } from '../../text/schema.js';

/** The suggestion a run of text sits in; formatting suggestions (`modification`) count as plain text. */
export interface RunSuggestion {
  kind: 'insertion' | 'deletion';
  id: string;
  /** An insertion only: the id of another suggestion that deletes this inserted text (a nested deletion). */
  deletedBy?: string;
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

/**
 * The suggestion of text or a block with `insertion` and `deletion` ids of its own (marks or its block
 * suggestion), inside `inherited` (the block suggestion it sits in). An insertion is the run's kind, as
 * its text is not accepted yet; a deletion of that inserted text (deleting inside someone else's
 * suggested insertion, shared/editor/nested-deletion.ts) rides along as `deletedBy`, so both are drawn.
 */
function combined(insertion: string | null, deletion: string | null, inherited: RunSuggestion | null): RunSuggestion | null {
  const inserted = insertion ?? (inherited?.kind === 'insertion' ? inherited.id : null);
  const deleted = deletion ?? (inherited?.kind === 'deletion' ? inherited.id : (inherited?.deletedBy ?? null));
  if (inserted !== null) return deleted !== null && deleted !== inserted ? { kind: 'insertion', id: inserted, deletedBy: deleted } : { kind: 'insertion', id: inserted };
  return deleted !== null ? { kind: 'deletion', id: deleted } : null;
}

/** The suggestion of an inline node with `marks`, inside the block suggestion `inherited`. */
function suggestionOf(marks: readonly Mark[], inherited: RunSuggestion | null): RunSuggestion | null {
  const id = (kind: RunSuggestion['kind']) => {
    const mark = marks.find((m) => m.type.name === kind);
    return mark ? String(mark.attrs.id) : null;
  };
  return combined(id('insertion'), id('deletion'), inherited);
}

function sameSuggestion(a: RunSuggestion | null, b: RunSuggestion | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id && a.deletedBy === b.deletedBy);
}

function blockOf(type: string, runs: Run[]): Block {
  const text = runs.filter((r) => r.suggestion?.kind !== 'insertion').map((r) => r.text).join('');
  const suggested = runs.some((r) => r.suggestion !== null);
  // A block without suggestions keeps the plain key it always had.
  const key = suggested ? `${type}\u0000${JSON.stringify(runs)}` : `${type}\u0000${text}`;
  return { type, runs, text, key };
}

function runsOf(textblock: Node, inherited: RunSuggestion | null): Run[] {
  const runs: Run[] = [];
  textblock.forEach((inline) => {
    const suggestion = suggestionOf(inline.marks, inherited);
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

/** The insertion or deletion a block suggests about itself, with the one it is inside. */
function blockRunSuggestion(node: Node, inherited: RunSuggestion | null): RunSuggestion | null {
  const own = blockSuggestionOf(node.attrs[BLOCK_SUGGESTION_ATTR]);
  if (!own || own.kind === 'type') return inherited;
  return own.kind === 'insertion' ? combined(own.id, null, inherited) : combined(null, own.id, inherited);
}

/** A block's type name as compare reads it: a heading with its level, a suggested type change at its former type. */
function typeName(node: Node): string {
  const own = blockSuggestionOf(node.attrs[BLOCK_SUGGESTION_ATTR]);
  const [name, attrs] = own?.kind === 'type' && own.from ? [own.from.type, own.from.attrs] : [node.type.name, node.attrs];
  return name === 'heading' ? `heading${String(attrs.level ?? 1)}` : name;
}

function collect(parent: Node, inherited: RunSuggestion | null, out: Block[]): void {
  parent.forEach((child) => {
    if (child.isInline) return;
    const suggestion = blockRunSuggestion(child, inherited);
    if (child.isTextblock) {
      out.push(blockOf(typeName(child), runsOf(child, suggestion)));
    } else if (child.isAtom) {
      const text = leafText(child);
      out.push(blockOf(child.type.name, text ? [{ text, suggestion: suggestionOf(child.marks, suggestion) }] : []));
    } else {
      collect(child, suggestion, out);
    }
  });
}

/** The leaf blocks of a document in order: every textblock, and block atoms such as math. */
export function blocksOf(json: JSONContent): Block[] {
  const out: Block[] = [];
  collect(toDocumentNode(json), null, out);
  return out;
}
