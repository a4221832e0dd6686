/** The activity list of a working group: edits, comments, versions, restores, imports. */
import type { PersonView } from './people.js';

export type ActivityKind = 'edited' | 'commented' | 'version' | 'restored' | 'imported';

export interface ActivityView {
  id: string;
  workspaceId: string;
  documentId: string;
  documentTitle: string;
  kind: ActivityKind;
  user: PersonView | null;
  /** When the burst of activity began and ended (equal for one-off events). */
  startedAt: number;
  at: number;
  /** A version name, an imported file name... */
  detail: string | null;
}
