/** What the quick switcher lists: matching documents (as the server ranked them), then matching groups. */
import type { RecentDocumentView } from '../../../shared/api/recent.js';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';

export interface SwitcherEntry {
  kind: 'document' | 'workspace';
  id: string;
  label: string;
  /** The group a document is in. */
  detail: string | null;
  href: string;
}

/** Groups whose name contains every word of `query` (any case); all of them for an empty query. */
export function matchWorkspaces(workspaces: readonly WorkspaceView[], query: string): WorkspaceView[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return workspaces.filter((w) => {
    const name = w.name.toLocaleLowerCase();
    return words.every((word) => name.includes(word));
  });
}

export function switcherEntries(documents: readonly RecentDocumentView[], workspaces: readonly WorkspaceView[]): SwitcherEntry[] {
  return [
    ...documents.map((d): SwitcherEntry => ({ kind: 'document', id: d.id, label: d.title, detail: d.workspace.name, href: `/d/${d.id}` })),
    ...workspaces.map((w): SwitcherEntry => ({ kind: 'workspace', id: w.id, label: w.name, detail: null, href: `/w/${w.id}` })),
  ];
}
