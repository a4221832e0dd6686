/**
 * Editing, Suggesting or Viewing: what typing does in a document. Owners and editors choose; commenters
 * only suggest (as in Google Docs); viewers only read. Remembered per document in localStorage.
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import { can, canWriteDocuments, type Role } from '../../../shared/roles.js';

export type EditMode = 'editing' | 'suggesting' | 'viewing';

export const MODE_LABELS: Record<EditMode, string> = { editing: 'Editing', suggesting: 'Suggesting', viewing: 'Viewing' };

/** The modes a role may use, the default first. */
export function modesFor(role: Role | undefined): EditMode[] {
  if (role === undefined) return ['viewing'];
  if (canWriteDocuments(role)) return ['editing', 'suggesting', 'viewing'];
  if (can(role, 'document.comment')) return ['suggesting', 'viewing'];
  return ['viewing'];
}

const storageKey = (docId: string) => `confer:mode:${docId}`;

function stored(docId: string): EditMode | null {
  try {
    const value = localStorage.getItem(storageKey(docId));
    return value === 'editing' || value === 'suggesting' || value === 'viewing' ? value : null;
  } catch {
    return null;
  }
}

/** The document's mode for this role: the remembered choice when the role allows it, else the role's default. */
export function createEditMode(docId: Accessor<string>, role: Accessor<Role | undefined>): { mode: Accessor<EditMode>; modes: Accessor<EditMode[]>; choose(mode: EditMode): void } {
  const [chosen, setChosen] = createSignal<{ docId: string; mode: EditMode } | null>(null);
  const modes = createMemo(() => modesFor(role()));
  const mode = createMemo<EditMode>(() => {
    const allowed = modes();
    const id = docId();
    const pick = chosen()?.docId === id ? chosen()?.mode : stored(id);
    return pick && allowed.includes(pick) ? pick : (allowed[0] as EditMode);
  });
  return {
    mode,
    modes,
    choose(next) {
      const id = docId();
      setChosen({ docId: id, mode: next });
      try {
        localStorage.setItem(storageKey(id), next);
      } catch {
        // Private mode without storage: the choice lasts for this page only.
      }
    },
  };
}
