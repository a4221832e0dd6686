import { describe, expect, it } from 'vitest';
import type { VersionView } from '../../../shared/api/versions.js';
import { versionChoiceLabel, versionLabel } from './labels.js';

const now = Date.UTC(2025, 2, 12, 16, 10);
const priya = { id: 'u1', name: 'Priya Patel' };
const sam = { id: 'u2', name: 'Sam Ortiz' };
const version = (over: Partial<VersionView>): VersionView => ({
  id: 'v',
  documentId: 'd',
  name: null,
  kind: 'auto',
  createdAt: now - 3_600_000,
  createdBy: null,
  authors: [priya],
  ...over,
});

describe('version labels', () => {
  it('tells automatic versions apart in a menu by date, time and author, in the viewer’s zone', () => {
    const early = version({ createdAt: Date.UTC(2025, 2, 12, 9, 5), authors: [priya, sam] });
    const late = version({ createdAt: Date.UTC(2025, 2, 12, 14, 2) });
    expect(versionChoiceLabel(early, 'Asia/Kolkata', now)).toBe('Automatic · 12 Mar, 14:35 · Priya Patel, Sam Ortiz');
    expect(versionChoiceLabel(late, 'America/New_York', now)).toBe('Automatic · 12 Mar, 10:02 · Priya Patel');
    expect(versionChoiceLabel(early, 'UTC', now)).not.toBe(versionChoiceLabel(late, 'UTC', now));
  });

  it('names named versions by their name and their namer; a version without authors has no trailing dot', () => {
    const named = version({ kind: 'named', name: 'Submitted to funder', createdBy: sam, createdAt: Date.UTC(2024, 10, 3, 8, 0) });
    expect(versionChoiceLabel(named, 'UTC', now)).toBe('Submitted to funder · 3 Nov 2024, 08:00 · Sam Ortiz');
    expect(versionChoiceLabel(version({ authors: [] }), 'UTC', now)).toBe('Automatic · 12 Mar, 15:10');
    expect(versionLabel(version({}))).toBe('Automatic version');
  });
});
