/**
 * How versions are named in the history list and the compare menus. A menu has no room for a second
 * line, so each entry carries its own date, time and author: "Automatic · 12 Mar, 14:02 · Priya Patel"
 * tells five automatic versions apart where "Automatic version" five times did not.
 */
import type { VersionView } from '../../../shared/api/versions.js';
import { formatDateTime } from '../../lib/time';

const kindLabel: Record<VersionView['kind'], string> = {
  auto: 'Automatic',
  named: 'Named',
  'before-restore': 'Kept before a restore',
  restored: 'Restore',
};

/** The version's name, or what kind of version it is: "Submitted to funder", "Automatic version". */
export function versionLabel(v: VersionView): string {
  return v.name ?? `${kindLabel[v.kind]} version`;
}

/** Who made it: whoever named it, else whose edits went into it ("Priya Patel, Sam Ortiz"); "" for nobody. */
export function versionAuthors(v: VersionView): string {
  if (v.createdBy) return v.createdBy.name;
  return v.authors.map((a) => a.name).join(', ');
}

/** One menu entry: name or kind, the date and time in the viewer's zone, and the author. */
export function versionChoiceLabel(v: VersionView, zone: string, now: number): string {
  const name = v.name ?? kindLabel[v.kind];
  const who = versionAuthors(v);
  return [name, formatDateTime(v.createdAt, zone, now), who].filter(Boolean).join(' · ');
}
