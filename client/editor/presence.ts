/**
 * Who else is in the document, from awareness. The `user` field of every state is written by the
 * server from the session (id, name, colour, time zone, working hours), so it can be trusted; anything
 * malformed is skipped rather than shown.
 */
import { createSignal, onCleanup, createEffect, type Accessor } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type { WorkingHours } from '../lib/time';

/** One collaborator as the presence list shows them. */
export interface Collaborator {
  id: string;
  name: string;
  color: string;
  timeZone: string;
  workingHours: WorkingHours | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isClock(value: unknown): value is string {
  return typeof value === 'string' && /^\d{2}:\d{2}$/.test(value);
}

/** The collaborator in one awareness state, or null when it has no well-formed `user`. */
export function collaboratorOf(state: unknown): Collaborator | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { id, name, color, timeZone, workingHours } = state.user;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return null;
  const hours = isRecord(workingHours) && isClock(workingHours.start) && isClock(workingHours.end) ? { start: workingHours.start, end: workingHours.end } : null;
  return { id, name, color, timeZone: typeof timeZone === 'string' && timeZone ? timeZone : 'UTC', workingHours: hours };
}

/**
 * Everyone present except this tab and `selfId` (your other tabs), once per person, in a stable order
 * (by name), from a map of awareness states.
 */
export function collaborators(states: ReadonlyMap<number, unknown>, ownClientId: number, selfId: string | undefined): Collaborator[] {
  const byId = new Map<string, Collaborator>();
  for (const [clientId, state] of states) {
    if (clientId === ownClientId) continue;
    const person = collaboratorOf(state);
    if (person && person.id !== selfId && !byId.has(person.id)) byId.set(person.id, person);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** A signal of the other people in the document, following awareness changes. */
export function createPresence(awareness: Accessor<Awareness | undefined>, selfId: Accessor<string | undefined>): Accessor<Collaborator[]> {
  const [list, setList] = createSignal<Collaborator[]>([]);
  createEffect(() => {
    const current = awareness();
    const self = selfId();
    if (!current) return setList([]);
    const update = () => setList(collaborators(current.getStates(), current.clientID, self));
    current.on('change', update);
    update();
    onCleanup(() => current.off('change', update));
  });
  return list;
}
