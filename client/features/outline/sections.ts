/**
 * Sections of a document for grant compliance: each top-level heading opens a section that runs to
 * the next heading of the same or a higher level (so a section's count includes its subsections).
 * Heading titles are not counted; a section is over its limit when its words exceed `wordLimit`.
 */
import type { Node } from '@tiptap/pm/model';

export interface Section {
  /** Position of the heading node. */
  pos: number;
  /** Position just inside the end of the heading (where its count is drawn). */
  end: number;
  level: number;
  title: string;
  words: number;
  limit: number | null;
  over: boolean;
}

/** Words in a text, the way CharacterCount counts them (runs of non-space characters). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Every top-level heading with the word count of its section. */
export function sectionsOf(doc: Node): Section[] {
  const blocks: Array<{ node: Node; pos: number }> = [];
  doc.forEach((node, pos) => blocks.push({ node, pos }));
  const sections: Section[] = [];
  blocks.forEach(({ node, pos }, index) => {
    if (node.type.name !== 'heading') return;
    const level = Number(node.attrs.level) || 1;
    let words = 0;
    for (const next of blocks.slice(index + 1)) {
      if (next.node.type.name === 'heading' && (Number(next.node.attrs.level) || 1) <= level) break;
      if (next.node.type.name !== 'heading') words += countWords(next.node.textBetween(0, next.node.content.size, ' ', ' '));
    }
    const rawLimit = Number(node.attrs.wordLimit);
    const limit = Number.isInteger(rawLimit) && rawLimit > 0 ? rawLimit : null;
    sections.push({ pos, end: pos + node.nodeSize - 1, level, title: node.textContent, words, limit, over: limit !== null && words > limit });
  });
  return sections;
}
