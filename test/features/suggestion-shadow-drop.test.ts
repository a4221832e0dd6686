/**
 * The suggestion guard's shadow copy (server/features/suggestions/shadow.ts) follows the live document
 * only while a commenter is connected: when the last one leaves it is dropped, and the next commenter's
 * join builds a new one. Over real sockets: the copy stops following the document when the commenter
 * leaves, the editor goes on writing, and a commenter joining afterwards has an honest suggestion
 * accepted and a forged edit refused with 4403, with nothing of it kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import type { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { appendParagraph, directEdit, positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write } from './setup.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

async function connect(who: ApiClient, docId: string): Promise<TestClient & { codes: number[] }> {
  const c = await who.connect(docId);
  clients.push(c);
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return Object.assign(c, { codes });
}

/** How many listeners follow the live document's updates (a shadow copy is one of them). */
function followers(server: TestServer, docId: string): number {
  const live = server.hub.registry.peek(docId)?.doc as (Y.Doc & { _observers: Map<string, Set<unknown>> }) | undefined;
  if (!live) throw new Error('the room is not open');
  return live._observers.get('update')?.size ?? 0;
}

describe('the shadow copy when no commenter is connected', () => {
  it('is dropped when the last commenter leaves; a commenter joining later is judged on a fresh copy', async () => {
    const server = await startFeatureServer();
    servers.push(server);
    const team = await makeTeam(server);
    const owner = await connect(team.owner, team.docId);
    write(owner.doc, paragraphs('Patients are enrolled within 24 hours.', 'The primary endpoint is mortality.'));
    await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('mortality'), { what: 'the text on the server' });
    const alone = followers(server, team.docId);

    const first = await connect(team.commenter, team.docId);
    await waitFor(() => plain(first.doc) === plain(owner.doc), { what: 'the commenter sees the text' });
    suggestEdit(first.doc, team.ids.commenter, (tr) => tr.insertText('usually ', positionOf(first.doc, 'within')));
    await waitFor(() => plain(owner.doc).includes('usually'), { what: 'the first suggestion reaches the editor' });
    expect(followers(server, team.docId)).toBe(alone + 1);
    // A second commenter's connection leaving keeps the copy for the first.
    const second = await connect(team.commenter, team.docId);
    await waitFor(() => plain(second.doc) === plain(owner.doc), { what: 'the second connection sees the text' });
    second.destroy();
    await waitFor(() => server.hub.connections.size === 2, { what: 'the second connection gone' });
    expect(followers(server, team.docId)).toBe(alone + 1);

    first.destroy();
    await waitFor(() => followers(server, team.docId) === alone, { what: 'the copy no longer follows the document' });
    // The editor writes while no copy follows.
    appendParagraph(owner.doc, 'Written while no commenter was there.');
    directEdit(owner.doc, (tr) => tr.insertText('adult ', positionOf(owner.doc, 'Patients')));

    const later = await connect(team.commenter, team.docId);
    await waitFor(() => plain(later.doc) === plain(owner.doc), { what: 'the later commenter sees the text' });
    suggestEdit(later.doc, team.ids.commenter, (tr) => tr.insertText('all-cause ', positionOf(later.doc, 'mortality')));
    await waitFor(() => plain(owner.doc).includes('all-cause'), { what: 'the later suggestion reaches the editor' });
    const forger = await connect(team.commenter, team.docId);
    await waitFor(() => plain(forger.doc) === plain(owner.doc), { what: 'the forger sees the text' });
    directEdit(forger.doc, (tr) => tr.insertText('NEVER ', positionOf(forger.doc, 'Written')));
    await waitFor(() => forger.codes.includes(CloseCode.Forbidden), { what: '4403 for the forged edit' });

    appendParagraph(owner.doc, 'Later.');
    await waitFor(async () => plain(await serverDoc(server, team.docId)).endsWith('Later.') && plain(later.doc).endsWith('Later.'), { what: 'a later edit everywhere' });
    const stored = await serverDoc(server, team.docId);
    expect(plain(stored)).toBe(plain(owner.doc));
    expect(plain(stored)).not.toContain('NEVER');
    expect(suggestionsIn(stored).map((s) => [s.mark, s.text])).toEqual([
      ['insertion', 'usually '],
      ['insertion', 'all-cause '],
    ]);
    expect(later.codes).toEqual([]);
    expect(owner.codes).toEqual([]);
  });
});
