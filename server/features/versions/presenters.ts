/** Versions as the API shows them; every field listed explicitly. */
import type { PersonView } from '../../../shared/api/people.js';
import type { DiffBlock, DiffSegment, SuggestionChangeView, VersionView } from '../../../shared/api/versions.js';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, SUGGESTION_MARKS, suggestionAuthor } from '../../../shared/editor/suggestion-ids.js';
import { person, type People } from '../members/index.js';
import type { Comparison } from './diff.js';
import type { VersionRecord } from './store.js';

/** User ids a list of versions names (to look up once). */
export function versionPeople(versions: readonly VersionRecord[]): string[] {
  return versions.flatMap((v) => [...(v.createdBy ? [v.createdBy] : []), ...v.authors]);
}

export function presentVersion(v: VersionRecord, people: People): VersionView {
  return {
    id: v.id,
    documentId: v.docId,
    name: v.name,
    kind: v.kind,
    createdAt: v.createdAt,
    createdBy: person(people, v.createdBy),
    authors: v.authors.map((id) => person(people, id)).filter((p): p is PersonView => p !== null),
  };
}

/** User ids a comparison names: the authors of its suggestions. */
export function comparisonPeople(c: Comparison): string[] {
  const ids = new Set(c.suggestions.map((s) => s.authorId));
  for (const block of c.blocks) {
    for (const s of block.segments) {
      if (s.suggestionId) ids.add(suggestionAuthor(s.suggestionId) ?? '');
      if (s.deletionId) ids.add(suggestionAuthor(s.deletionId) ?? '');
    }
  }
  ids.delete('');
  return [...ids];
}

function presentSegment(s: DiffSegment, by: (authorId: string | null) => PersonView): DiffSegment {
  if (s.suggestionId === undefined) return { op: s.op, text: s.text };
  const segment: DiffSegment = { op: s.op, text: s.text, suggestionId: s.suggestionId, suggestedBy: by(suggestionAuthor(s.suggestionId)) };
  if (s.deletionId !== undefined) Object.assign(segment, { deletionId: s.deletionId, deletedBy: by(suggestionAuthor(s.deletionId)) });
  return segment;
}

/** A comparison with its suggestions' authors named (server-side names, never what a client wrote). */
export function presentComparison(c: Comparison, people: People): { blocks: DiffBlock[]; insertions: number; deletions: number; suggestions: SuggestionChangeView[] } {
  const by = (authorId: string | null): PersonView => person(people, authorId) ?? { id: '', name: 'Someone' };
  return {
    blocks: c.blocks.map((block) => ({
      op: block.op,
      type: block.type,
      segments: block.segments.map((s) => presentSegment(s, by)),
    })),
    insertions: c.insertions,
    deletions: c.deletions,
    suggestions: c.suggestions.map((s) => ({ id: s.id, by: by(s.authorId), inserted: s.inserted, deleted: s.deleted })),
  };
}

/** Authors of the suggestion marks and block suggestions in ProseMirror JSON (a version's content), to name them in the view. */
export function suggestersIn(json: unknown): string[] {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const { marks, content, attrs } = node as { marks?: unknown; content?: unknown; attrs?: Record<string, unknown> };
    const block = blockSuggestionOf(attrs?.[BLOCK_SUGGESTION_ATTR]);
    const blockAuthor = block ? suggestionAuthor(block.id) : null;
    if (blockAuthor) ids.add(blockAuthor);
    if (Array.isArray(marks)) {
      for (const mark of marks as Array<{ type?: unknown; attrs?: { id?: unknown } }>) {
        const author = (SUGGESTION_MARKS as readonly unknown[]).includes(mark.type) ? suggestionAuthor(mark.attrs?.id) : null;
        if (author) ids.add(author);
      }
    }
    if (Array.isArray(content)) content.forEach(walk);
  };
  walk(json);
  return [...ids];
}
