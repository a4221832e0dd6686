/**
 * Draws a block's open suggestions over the word diff of its accepted text. The diff says which
 * accepted words are equal, inserted or deleted; walking it alongside the later block's runs puts
 * each suggested insertion where it stands (it is not part of the accepted text) and turns accepted
 * text under a suggested deletion into a `suggest-delete` segment, so nothing suggested reads as an
 * edit and nothing accepted reads as a suggestion. Suggested text that another suggestion deletes
 * (a nested deletion) stays a `suggest-insert` segment that names that deletion too.
 */
import type { DiffSegment } from '../../../shared/api/versions.js';
import type { Run, RunSuggestion } from './blocks.js';

/** One part of a word diff of accepted texts (the `diff` package's change objects). */
export interface AcceptedPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

function push(out: DiffSegment[], segment: DiffSegment): void {
  if (segment.text === '') return;
  const last = out[out.length - 1];
  if (last && last.op === segment.op && last.suggestionId === segment.suggestionId && last.deletionId === segment.deletionId) last.text += segment.text;
  else out.push(segment);
}

function suggested(op: 'suggest-insert' | 'suggest-delete', text: string, suggestion: RunSuggestion): DiffSegment {
  const segment: DiffSegment = { op, text, suggestionId: suggestion.id };
  if (suggestion.deletedBy !== undefined) segment.deletionId = suggestion.deletedBy;
  return segment;
}

/** The segments of a block: `parts` (the diff of accepted texts) with the suggestions of `runs` (the later block). */
export function overlaySuggestions(parts: readonly AcceptedPart[], runs: readonly Run[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let index = 0;
  let offset = 0;
  // Suggested insertions at the cursor come out before the next accepted character.
  const emitInsertions = () => {
    for (let run = runs[index]; run?.suggestion?.kind === 'insertion'; run = runs[index]) {
      push(out, suggested('suggest-insert', run.text.slice(offset), run.suggestion));
      index += 1;
      offset = 0;
    }
  };
  for (const part of parts) {
    if (part.op === 'delete') {
      push(out, { op: 'delete', text: part.text });
      continue;
    }
    let left = part.text.length;
    while (left > 0) {
      emitInsertions();
      const run = runs[index];
      // The runs hold exactly the accepted text; a shortfall would be a bug, never lose the text.
      if (!run) {
        push(out, { op: part.op, text: part.text.slice(part.text.length - left) });
        break;
      }
      const take = Math.min(left, run.text.length - offset);
      const text = run.text.slice(offset, offset + take);
      push(out, run.suggestion ? suggested('suggest-delete', text, run.suggestion) : { op: part.op, text });
      left -= take;
      offset += take;
      if (offset === run.text.length) {
        index += 1;
        offset = 0;
      }
    }
  }
  emitInsertions();
  return out;
}
