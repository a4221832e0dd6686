/** Full-text search within the working groups you belong to. */

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
