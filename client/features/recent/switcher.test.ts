import { describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { matchWorkspaces, switcherEntries } from './switcher';

const group = (id: string, name: string) => ({ id, name }) as WorkspaceView;

describe('quick switcher entries', () => {
  it('matches groups by every word of the query, in any case', () => {
    const groups = [group('a', 'Cardiology research'), group('b', 'Grant office'), group('c', 'Paediatric cardiology')];
    expect(matchWorkspaces(groups, 'CARDIO').map((g) => g.id)).toEqual(['a', 'c']);
    expect(matchWorkspaces(groups, 'cardio paed').map((g) => g.id)).toEqual(['c']);
    expect(matchWorkspaces(groups, '  ').map((g) => g.id)).toEqual(['a', 'b', 'c']);
  });

  it('lists documents first, then groups, each with where it opens', () => {
    const entries = switcherEntries(
      [{ id: 'd1', title: 'Sepsis bundle', workspace: { id: 'a', name: 'Cardiology research' }, visitedAt: 1, updatedAt: 1, changedBy: [] }],
      [group('b', 'Grant office')],
    );
    expect(entries).toEqual([
      { kind: 'document', id: 'd1', label: 'Sepsis bundle', detail: 'Cardiology research', href: '/d/d1' },
      { kind: 'workspace', id: 'b', label: 'Grant office', detail: null, href: '/w/b' },
    ]);
  });
});
