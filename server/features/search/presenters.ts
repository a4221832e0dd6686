/** Search hits as the API shows them. */
import type { CommentSearchResultView, SearchResultView } from '../../../shared/api/search.js';
import type { CommentHit } from './comment-index.js';
import type { SearchHit } from './search-index.js';

export function presentSearchHit(hit: SearchHit): SearchResultView {
  return { documentId: hit.docId, workspaceId: hit.workspaceId, title: hit.title, snippet: hit.snippet.map((p) => ({ text: p.text, hit: p.hit })) };
}

export function presentCommentHit(hit: CommentHit): CommentSearchResultView {
  return {
    documentId: hit.docId,
    workspaceId: hit.workspaceId,
    title: hit.title,
    threadId: hit.threadId,
    resolved: hit.resolved,
    snippet: hit.snippet.map((p) => ({ text: p.text, hit: p.hit })),
  };
}
