/**
 * GET /api/documents/:id/suggestions over HTTP, after suggestions made over real sockets: each id with
 * its author and the server's time of its first commit, kept when the suggestion is later extended;
 * the same on PostgreSQL; nobody outside the document reads it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionTimesView } from '../../../shared/api/suggestions.js';
import { ApiClient } from '../../../test/auth/api-client.js';
import type { TestClient } from '../../../test/helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../../../test/helpers/postgres.js';
import type { TestServer } from '../../../test/helpers/server.js';
import { positionOf, suggestEdit } from '../../../test/helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write } from '../../../test/features/setup.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

async function suggestionsOf(who: ApiClient, docId: string): Promise<SuggestionTimesView> {
  const answer = await who.get(`/api/documents/${docId}/suggestions`);
  expect(answer.status).toBe(200);
  return answer.body as SuggestionTimesView;
}

async function recordsServerTimes(env: Record<string, string>): Promise<void> {
  const server = await startFeatureServer(env);
  servers.push(server);
  const team = await makeTeam(server);
  const owner = await team.owner.connect(team.docId);
  clients.push(owner);
  write(owner.doc, paragraphs('Patients are enrolled within 24 hours.'));
  const commenter = await team.commenter.connect(team.docId);
  clients.push(commenter);
  await waitFor(() => plain(commenter.doc).includes('24 hours'), { what: 'the commenter sees the text' });
  await server.services.flush();
  expect(await suggestionsOf(team.viewer, team.docId)).toEqual({ suggestions: [] });

  const before = Date.now();
  suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('usu', positionOf(commenter.doc, 'within')));
  await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('usuwithin'), { what: 'the suggestion is committed' });
  const after = Date.now();
  await server.services.flush();
  const first = await suggestionsOf(team.viewer, team.docId);
  expect(first.suggestions).toHaveLength(1);
  const [made] = first.suggestions;
  expect(made?.id.startsWith(`${team.ids.commenter}~`)).toBe(true);
  expect(made?.authorId).toBe(team.ids.commenter);
  expect(made?.at).toBeGreaterThanOrEqual(before);
  expect(made?.at).toBeLessThanOrEqual(after);

  // Extending the same suggestion later keeps its first time.
  suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('ally ', positionOf(commenter.doc, 'within')));
  await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('usually within'), { what: 'the extension is committed' });
  await server.services.flush();
  expect(await suggestionsOf(team.owner, team.docId)).toEqual(first);

  const stranger = new ApiClient(server.url);
  await stranger.signup('Sam Stranger');
  expect((await stranger.get(`/api/documents/${team.docId}/suggestions`)).status).toBe(404);
}

describe('suggestion times', () => {
  it('are the server’s first commit time of each id, readable by the document’s members', async () => {
    await recordsServerTimes({});
  });
});

describeWithPostgres('suggestion times on PostgreSQL', (url) => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url);
  });
  afterAll(async () => {
    await schema?.drop();
  });
  it('are recorded and read the same way', async () => {
    await recordsServerTimes({ DATABASE_URL: url, DATABASE_SCHEMA: schema.name });
  });
});
