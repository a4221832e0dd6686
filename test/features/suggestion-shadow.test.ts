/**
 * The suggestion guard's shadow copy is built in slices between turns of the event loop when a
 * commenter joins, while the document goes on changing (server/features/suggestions/shadow.ts). Over
 * real sockets: commenters whose first frames (offline edits, sent the moment they reconnect) wait for
 * a build while an editor keeps typing. A suggestion among them is accepted, a direct edit is refused
 * with 4403 and changes nothing, and everyone ends with the same document.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { directEdit, positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
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

/** Enough paragraphs that building a copy takes many slices and several turns of the event loop. */
const LINES = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: patients were randomised to the intervention arm and followed for 28 days.`);

/** Types `text` into paragraph `index` one character per transaction, as an editor's keystrokes. */
function typeInto(doc: Y.Doc, index: number, text: string): void {
  const paragraph = doc.getXmlFragment('default').get(index) as Y.XmlElement;
  const run = paragraph.get(0) as Y.XmlText;
  for (const char of text) run.insert(run.length, char);
}

describe('the shadow copy built while the document changes', () => {
  it('judges the frames of commenters who join during a build: a suggestion is accepted, a direct edit refused and nothing of it kept', async () => {
    const server = await startFeatureServer();
    servers.push(server);
    const team = await makeTeam(server);
    const owner = await connect(team.owner, team.docId);
    write(owner.doc, paragraphs(...LINES));
    const second = new ApiClient(server.url);
    await second.signup('Rui Reviewer');
    await team.owner.addMember(team.workspaceId, second, 'commenter');
    const honest = await connect(team.commenter, team.docId);
    const direct = await connect(second, team.docId);
    await waitFor(() => plain(honest.doc) === plain(owner.doc) && plain(direct.doc) === plain(owner.doc), { what: 'both commenters see the document' });

    // Offline, each commenter edits: one suggests, the other edits directly. Their reconnecting
    // step 2 carries the edit as the first frame the server judges.
    honest.provider.disconnect();
    direct.provider.disconnect();
    suggestEdit(honest.doc, team.ids.commenter, (tr) => tr.insertText('usually ', positionOf(honest.doc, 'Paragraph 7:')));
    directEdit(direct.doc, (tr) => tr.insertText('NEVER ', positionOf(direct.doc, 'Paragraph 9:')));
    // A refusal (below) discards the copy, so the next judged frame needs a new one: make it happen
    // first with a direct edit that the current copy judges, then reconnect both during the new build.
    const trigger = await connect(second, team.docId);
    await waitFor(() => plain(trigger.doc) === plain(owner.doc), { what: 'the third connection sees the document' });
    directEdit(trigger.doc, (tr) => tr.insertText('FORGED ', positionOf(trigger.doc, 'Paragraph 3:')));
    await waitFor(() => trigger.codes.includes(CloseCode.Forbidden), { what: '4403 for the direct edit that discards the copy' });

    // The editor keeps typing while the commenters rejoin and the copy is rebuilt.
    typeInto(owner.doc, 200, ' First.');
    honest.provider.connect();
    direct.provider.connect();
    typeInto(owner.doc, 5, ' Second.');
    typeInto(owner.doc, 399, ' Third.');

    await waitFor(() => direct.codes.includes(CloseCode.Forbidden), { what: '4403 for the direct edit made offline' });
    await waitFor(() => plain(owner.doc).includes('usually'), { what: 'the suggestion reaches the editor' });
    typeInto(owner.doc, 0, ' Later.');
    await waitFor(async () => plain(await serverDoc(server, team.docId)).includes(' Later.') && plain(honest.doc).includes(' Later.'), { what: 'a later edit everywhere' });

    const stored = await serverDoc(server, team.docId);
    const expected = plain(owner.doc);
    for (const typed of [' First.', ' Second.', ' Third.', ' Later.', 'usually ']) expect(expected).toContain(typed);
    for (const refused of ['NEVER', 'FORGED']) expect(expected).not.toContain(refused);
    expect(plain(stored)).toBe(expected);
    expect(plain(honest.doc)).toBe(expected);
    expect(suggestionsIn(stored)).toEqual(suggestionsIn(owner.doc));
    expect(suggestionsIn(stored).map((s) => [s.mark, s.text, String(s.id).split('~')[0]])).toEqual([['insertion', 'usually ', team.ids.commenter]]);
    // Its own disconnect aside, the honest commenter was never closed.
    expect(honest.codes).not.toContain(CloseCode.Forbidden);
    expect(owner.codes).toEqual([]);
  });
});
