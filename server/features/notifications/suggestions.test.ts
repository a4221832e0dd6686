/**
 * Suggestions in the document body become notifications, over real sockets: a commenter types a
 * suggestion in several commits, and the document's creator and a follower each get one notification
 * for it (its id, its text), the writer none (its followers include those who wrote to it); an editor's plain edit notifies nobody.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationListView } from '../../../shared/api/notifications.js';
import { ApiClient } from '../../../test/auth/api-client.js';
import type { TestClient } from '../../../test/helpers/clients.js';
import type { TestServer } from '../../../test/helpers/server.js';
import { appendParagraph, positionOf, suggestEdit, suggestionsIn } from '../../../test/helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write } from '../../../test/features/setup.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

async function inbox(who: ApiClient): Promise<NotificationListView> {
  const answer = await who.get('/api/notifications');
  expect(answer.status).toBe(200);
  return answer.body as NotificationListView;
}

describe('suggestion notifications', () => {
  it('notify the creator and a follower once per suggestion, never the writer; plain edits notify nobody', async () => {
    const server = await startFeatureServer();
    servers.push(server);
    const team = await makeTeam(server);
    const editor = new ApiClient(server.url);
    await editor.signup('Eda Editor');
    await team.owner.addMember(team.workspaceId, editor, 'editor');
    // The viewer follows the document without writing to it.
    expect((await team.viewer.request('PUT', `/api/documents/${team.docId}/follow`, { following: true })).status).toBe(200);

    const owner = await team.owner.connect(team.docId);
    clients.push(owner);
    write(owner.doc, paragraphs('Patients are enrolled within 24 hours.'));
    const editing = await editor.connect(team.docId);
    clients.push(editing);
    await waitFor(() => plain(editing.doc).includes('24 hours'), { what: 'the editor sees the text' });
    appendParagraph(editing.doc, 'Consent is written.');
    await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('Consent'), { what: 'the plain edits are committed' });
    await server.services.notifications.flush();
    for (const who of [team.owner, team.viewer, team.commenter, editor]) expect((await inbox(who)).notifications).toEqual([]);

    // Typed in three commits, extending one suggestion.
    const commenter = await team.commenter.connect(team.docId);
    clients.push(commenter);
    await waitFor(() => plain(commenter.doc).includes('Consent'), { what: 'the commenter sees the text' });
    let typed = '';
    for (const piece of ['us', 'ual', 'ly ']) {
      const at = positionOf(commenter.doc, 'within');
      suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText(piece, at));
      typed += piece;
      await waitFor(async () => plain(await serverDoc(server, team.docId)).includes(`${typed}within`), { what: `"${typed}" is committed` });
    }
    const ids = [...new Set(suggestionsIn(await serverDoc(server, team.docId)).map((s) => s.id))];
    expect(ids).toHaveLength(1);
    const suggestionId = String(ids[0]);
    await server.services.notifications.flush();

    // The editor follows the document since writing to it (writers auto-follow).
    for (const who of [team.owner, team.viewer, editor]) {
      const view = await inbox(who);
      expect(view.notifications).toHaveLength(1);
      expect(view.notifications[0]).toMatchObject({
        kind: 'suggestion',
        actor: { id: team.ids.commenter, name: 'Cem Commenter' },
        document: { id: team.docId },
        target: { type: 'suggestion', suggestionId },
        excerpt: 'usually',
      });
    }
    expect((await inbox(team.commenter)).notifications).toEqual([]);

    // Later commits still hold the suggestion: nothing new.
    appendParagraph(owner.doc, 'Later.');
    await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('Later.'), { what: 'a later commit' });
    await server.services.notifications.flush();
    expect((await inbox(team.owner)).notifications).toHaveLength(1);
    expect((await inbox(team.viewer)).notifications).toHaveLength(1);
  });
});
