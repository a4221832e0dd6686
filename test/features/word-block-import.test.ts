/**
 * Block suggestions back from Word over the HTTP routes: a commenter's suggested new paragraph,
 * deleted paragraph and paragraph made a heading, exported to DOCX and uploaded again (as it is, and
 * after LibreOffice re-saved it), come back as the importer's block suggestions of the same kinds,
 * each with a thread naming the file's author, and the imported document opens live with them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentsDocId, readThreads } from '../../shared/comments/threads.js';
import type { SuggestionTimesView } from '../../shared/api/suggestions.js';
import type { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import { officeAvailable, resaveWithLibreOffice } from '../helpers/office.js';
import type { TestServer } from '../helpers/server.js';
import { blockSuggestionsOf, documentSchema, positionOf, suggestEdit } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, type Team, waitFor, write } from './setup.js';

async function download(who: ApiClient, path: string): Promise<Uint8Array> {
  const res = await fetch(who.baseUrl + path, { headers: { cookie: who.cookie, origin: who.origin } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function upload(who: ApiClient, workspaceId: string, name: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/octet-stream' }));
  const res = await fetch(`${who.baseUrl}/api/workspaces/${workspaceId}/import`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: who.origin } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { document: { id: string } }).document.id;
}

const KINDS = [
  ['paragraph', 'insertion'],
  ['heading', 'type'],
  ['paragraph', 'deletion'],
];

describe('block suggestions imported from Word', () => {
  // Skipped only outside CI when LibreOffice is missing (loudly); under CI a missing LibreOffice fails.
  const office = officeAvailable();
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.dispose();
  });

  /** The commenter's three block suggestions, exported to DOCX. */
  async function exportedBlocks(): Promise<Uint8Array> {
    const owner = await team.owner.connect(team.docId);
    clients.push(owner);
    write(owner.doc, paragraphs('Patients are enrolled within 24 hours.', 'Imaging every 8 weeks.', 'Follow-up ends at 28 days.'));
    const commenter = await team.commenter.connect(team.docId);
    clients.push(commenter);
    await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the text at the commenter' });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => {
      const start = positionOf(commenter.doc, 'Imaging') - 1;
      tr.delete(start, start + tr.doc.resolve(start + 1).parent.nodeSize);
    });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.setBlockType(1, 1, documentSchema.nodes.heading!, { level: 2 }));
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, documentSchema.node('paragraph', null, [documentSchema.text('Adults only.')])));
    await waitFor(async () => blockSuggestionsOf(await serverDoc(server, team.docId)).length === 3, { what: 'the block suggestions on the server' });
    return download(team.viewer, `/api/documents/${team.docId}/export?format=docx`);
  }

  /** What an upload of `bytes` must make: the three block suggestions, the importer's, each with its thread. */
  async function expectImported(bytes: Uint8Array): Promise<void> {
    const docId = await upload(team.owner, team.workspaceId, 'Protocol.docx', bytes);
    const stored = blockSuggestionsOf(await serverDoc(server, docId));
    expect(stored.map((s) => [s.type, s.kind])).toEqual(KINDS);
    for (const s of stored) expect(s.id.startsWith(`${team.ids.owner}~`)).toBe(true);
    expect(plain(await serverDoc(server, docId))).toContain('Imaging every 8 weeks.');

    const threads = readThreads(await serverDoc(server, commentsDocId(docId)));
    expect(threads.map((t) => t.id).sort()).toEqual(stored.map((s) => `suggestion-${s.id}`).sort());
    const noteOf = (id: string) => threads.find((t) => t.id === `suggestion-${id}`)?.comments[0]?.body;
    expect(stored.map((s) => noteOf(s.id))).toEqual([
      expect.stringMatching(/^Tracked change imported from Word: Cem Commenter inserted the paragraph “Adults only\.” on /),
      expect.stringMatching(/^Tracked change imported from Word: Cem Commenter made a paragraph a heading 2: “Patients are enrolled within 24 hours\.” on /),
      expect.stringMatching(/^Tracked change imported from Word: Cem Commenter deleted the paragraph “Imaging every 8 weeks\.” on /),
    ]);

    // As with imported text suggestions, the server records no time of its own for them: the file's date is in the thread.
    await server.services.flush();
    const times = await team.owner.get(`/api/documents/${docId}/suggestions`);
    expect(times.status).toBe(200);
    expect((times.body as SuggestionTimesView).suggestions).toEqual([]);

    // The owner opens it live: the block suggestions arrive as stored.
    const live = await team.owner.connect(docId);
    clients.push(live);
    await waitFor(() => blockSuggestionsOf(live.doc).length === 3, { what: 'the imported block suggestions at the owner' });
  }

  it('imports its own DOCX export with the same block suggestions', { timeout: 120_000 }, async () => {
    await expectImported(await exportedBlocks());
  });

  it.runIf(office)('imports its DOCX export re-saved by LibreOffice with the same block suggestions', { timeout: 180_000 }, async () => {
    await expectImported(await resaveWithLibreOffice(await exportedBlocks()));
  });
});
