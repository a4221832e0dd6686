/** Typed call for full-text search over the documents you can read and their comments. */
import type { SearchAnswerView } from '../../../shared/api/search.js';
import { request, seg } from '../../lib/api';

export const searchApi = {
  /** Documents and comment threads matching `q`, in one working group when `workspaceId` is given. */
  search: (q: string, workspaceId?: string, signal?: AbortSignal) =>
    request<SearchAnswerView>('GET', `/api/search?q=${seg(q)}${workspaceId ? `&workspace=${seg(workspaceId)}` : ''}`, undefined, signal),
};
