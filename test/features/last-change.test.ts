/** "Changed 5 min ago by Priya": a document's last change follows socket edits and names their authors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentView } from '../../shared/api/documents.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, paragraphs, startFeatureServer, waitForValue, write, type Team } from './setup.js';

describe('last change of a document', () => {
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server);
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.dispose();
  });

  it('moves an edited document to the top of the list, stamped with the editor’s name', async () => {
    const priya = new ApiClient(server.url);
    const priyaId = (await priya.signup('Priya Patel')).id;
    await team.owner.addMember(team.workspaceId, priya, 'editor');
    const newer = await team.owner.document(team.workspaceId, 'Consent form');
    const list = async () => ((await team.viewer.get(`/api/workspaces/${team.workspaceId}/documents`)).body as { documents: DocumentView[] }).documents;
    expect((await list()).map((d) => d.id)).toEqual([newer, team.docId]);

    const editor = await priya.connect(team.docId);
    clients.push(editor);
    write(editor.doc, paragraphs('Participants may withdraw at any time.'));
    const edited = await waitForValue(async () => {
      const [first] = await list();
      return first?.id === team.docId ? first : null;
    }, 'the edited document first in the list');
    expect(edited.changedBy).toEqual([{ id: priyaId, name: 'Priya Patel' }]);
    const other = (await list()).find((d) => d.id === newer);
    expect(edited.updatedAt).toBeGreaterThan(other?.updatedAt ?? Infinity);
  });
});
