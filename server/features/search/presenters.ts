/** Search hits as the API shows them. */
import type { SearchResultView } from '../../../shared/api/search.js';
import type { SearchHit } from './search-index.js';

export function presentSearchHit(hit: SearchHit): SearchResultView {
  return { documentId: hit.docId, workspaceId: hit.workspaceId, title: hit.title, snippet: hit.snippet.map((p) => ({ text: p.text, hit: p.hit })) };
}
