/** Full-text search within the working groups you belong to. */
import { z } from 'zod';

/** Longest search query; longer ones are not searches but pasted text. */
export const maxSearchQueryLength = 200;

/** A snippet, split so the client can highlight hits without rendering server HTML. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface SearchResultView {
  documentId: string;
  workspaceId: string;
  title: string;
  snippet: SnippetPart[];
}

/** A comment thread whose text (its quote, a comment, an author) matches. */
export interface CommentSearchResultView {
  documentId: string;
  workspaceId: string;
  /** The document's title. */
  title: string;
  threadId: string;
  resolved: boolean;
  snippet: SnippetPart[];
}

/** The answer of GET /api/search: documents, and comment threads, each ranked. */
export interface SearchAnswerView {
  results: SearchResultView[];
  comments: CommentSearchResultView[];
}

/** GET /api/search?q=&workspace= */
export const searchQuery = z.object({
  q: z
    .string({ error: `q must be 1 to ${maxSearchQueryLength} characters` })
    .trim()
    .min(1, `q must be 1 to ${maxSearchQueryLength} characters`)
    .max(maxSearchQueryLength, `q must be 1 to ${maxSearchQueryLength} characters`),
  workspace: z.string({ error: 'workspace must be one workspace id' }).min(1).optional(),
});
