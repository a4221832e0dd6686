/**
 * Word comments of an imported .docx, read from `word/comments.xml` (mammoth does not give them):
 * each comment's id, author, date and text, and, from `word/commentsExtended.xml` (Word 2013 and
 * later, and our own export), which comment it answers and whether its thread is done. LibreOffice
 * writes no commentsExtended part, so its replies come back as comments of their own.
 */
import { MAX_COMMENT_LENGTH } from '../../shared/comments/threads.js';
import { ImportError } from './errors.js';
import { conversionLimits } from './limits.js';
import { unescapeXml, xmlAttr } from './docx-xml.js';

/** One `w:comment`, as the file wrote it. */
export interface WordComment {
  /** Its `w:id`, the id its range markers in the body use. */
  id: string;
  author: string;
  /** ISO date as written in the file, or null. */
  date: string | null;
  text: string;
  /** The `w:id` of the comment it answers (the first of its thread), or null when it opens one. */
  parentId: string | null;
  /** Marked done (resolved) in Word. */
  done: boolean;
}

const COMMENT = /<w:comment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/w:comment>)/g;
const PARAGRAPH = /<w:p\b([^>]*?)(?:\/>|>([\s\S]*?)<\/w:p>)/g;
/** Text, tabs and breaks of a paragraph, in order (a deleted text inside a comment is not its text). */
const TEXT_PIECE = /<w:t\b[^>]*>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g;
const COMMENT_EX = /<w15:commentEx\b([^>]*?)\/?>/g;

function paragraphText(inner: string): string {
  let text = '';
  for (const piece of inner.matchAll(TEXT_PIECE)) text += piece[2] ? (piece[2] === 'tab' ? '\t' : '\n') : unescapeXml(piece[1] ?? '');
  return text;
}

function paraIdOf(attrs: string): string | null {
  return /\bw14:paraId="([0-9A-Fa-f]{1,8})"/.exec(attrs)?.[1]?.toUpperCase() ?? null;
}

/** The extended part's links: each paragraph id's parent paragraph id, and the done ones. */
function readExtended(xml: string | null): { parents: Map<string, string>; done: Set<string> } {
  const parents = new Map<string, string>();
  const done = new Set<string>();
  for (const match of (xml ?? '').matchAll(COMMENT_EX)) {
    const attrs = match[1] ?? '';
    const paraId = /\bw15:paraId="([0-9A-Fa-f]{1,8})"/.exec(attrs)?.[1]?.toUpperCase();
    if (!paraId) continue;
    const parent = /\bw15:paraIdParent="([0-9A-Fa-f]{1,8})"/.exec(attrs)?.[1]?.toUpperCase();
    if (parent) parents.set(paraId, parent);
    if (/\bw15:done="(1|true)"/.test(attrs)) done.add(paraId);
  }
  return { parents, done };
}

/**
 * The comments of `commentsXml` in file order, replies pointing at the first comment of their thread.
 * Throws ImportError 'too-large' past conversionLimits.maxDocxComments; bodies are clipped to a comment's length.
 */
export function readWordComments(commentsXml: string | null, extendedXml: string | null): WordComment[] {
  if (!commentsXml) return [];
  const count = commentsXml.match(/<w:comment\b/g)?.length ?? 0;
  if (count > conversionLimits.maxDocxComments) {
    throw new ImportError('too-large', `The .docx file is too large to import: it has more than ${conversionLimits.maxDocxComments} comments.`);
  }
  const { parents, done } = readExtended(extendedXml);
  const comments: WordComment[] = [];
  /** Word links a reply to its parent through the parent's last paragraph id. */
  const byParaId = new Map<string, WordComment>();
  const lastParaIds = new Map<WordComment, string>();
  const ids = new Set<string>();
  for (const match of commentsXml.matchAll(COMMENT)) {
    const attrs = match[1] ?? '';
    const id = xmlAttr(attrs, 'id');
    if (id === null || ids.has(id)) continue;
    ids.add(id);
    const lines: string[] = [];
    let lastParaId: string | null = null;
    for (const paragraph of (match[2] ?? '').matchAll(PARAGRAPH)) {
      lines.push(paragraphText(paragraph[2] ?? ''));
      lastParaId = paraIdOf(paragraph[1] ?? '') ?? lastParaId;
    }
    const comment: WordComment = {
      id,
      author: unescapeXml(xmlAttr(attrs, 'author') ?? ''),
      date: xmlAttr(attrs, 'date'),
      text: lines.join('\n').trim().slice(0, MAX_COMMENT_LENGTH),
      parentId: null,
      done: lastParaId !== null && done.has(lastParaId),
    };
    comments.push(comment);
    if (lastParaId) {
      byParaId.set(lastParaId, comment);
      lastParaIds.set(comment, lastParaId);
    }
  }
  // A reply's thread is its parent's; chains and cycles in a hostile file end at the first comment seen twice.
  for (const comment of comments) {
    const seen = new Set<WordComment>([comment]);
    let root: WordComment | undefined;
    for (let at = byParaId.get(parents.get(lastParaIds.get(comment) ?? '') ?? ''); at && !seen.has(at); at = byParaId.get(parents.get(lastParaIds.get(at) ?? '') ?? '')) {
      seen.add(at);
      root = at;
    }
    // A root that is itself a reply (a cycle) makes this comment open a thread instead.
    if (root && root.parentId === null) comment.parentId = root.id;
  }
  // A thread is done when its first comment (or any reply) says so.
  const byId = new Map(comments.map((c) => [c.id, c]));
  for (const comment of comments) {
    const root = comment.parentId === null ? undefined : byId.get(comment.parentId);
    if (root && comment.done) root.done = true;
  }
  return comments;
}
