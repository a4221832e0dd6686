/** Version history over HTTP: automatic and named versions, view, compare, restore, permissions. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareView, VersionDetailView, VersionView } from '../../shared/api/versions.js';
import { ApiClient, errorOf } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, paragraphs, plain, startFeatureServer, type Team, waitFor, write } from './setup.js';

describe('versions API', () => {
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

  const versions = async () => {
    const res = await team.owner.get(`/api/documents/${team.docId}/versions`);
    expect(res.status).toBe(200);
    return (res.body as { versions: VersionView[] }).versions;
  };

  it('takes a version after a burst of edits, names one, compares and restores as a new change', async () => {
    const client = await team.owner.connect(team.docId);
    clients.push(client);
    write(client.doc, paragraphs('The primary endpoint is overall survival.', 'Patients are followed for two years.'));

    // A burst of edits becomes one automatic version, crediting its author.
    const auto = await waitFor(async () => (await versions()).find((v) => v.kind === 'auto'), { what: 'an automatic version' });
    expect(auto?.authors.map((a) => a.name)).toEqual(['Olga Owner']);

    const named = await team.owner.post(`/api/documents/${team.docId}/versions`, { name: 'Submitted to funder' });
    expect(named.status).toBe(201);
    const submitted = (named.body as { version: VersionView }).version;
    expect(submitted).toMatchObject({ name: 'Submitted to funder', kind: 'named', createdBy: { name: 'Olga Owner' } });

    write(client.doc, paragraphs('The primary endpoint is progression-free survival.', 'Patients are followed for two years.', 'Imaging every 8 weeks.'));
    await waitFor(async () => {
      const res = await team.viewer.get(`/api/documents/${team.docId}/compare?from=${submitted.id}&to=current`);
      return (res.body as CompareView).insertions > 0;
    }, { what: 'the edit to reach the server' });

    // Everyone in the group may read the history and compare.
    const compare = await team.viewer.get(`/api/documents/${team.docId}/compare?from=${submitted.id}&to=current`);
    expect(compare.status).toBe(200);
    const diff = compare.body as CompareView;
    const changed = diff.blocks.find((b) => b.op === 'change');
    expect(changed?.segments).toEqual(
      expect.arrayContaining([
        { op: 'delete', text: 'overall' },
        { op: 'insert', text: 'progression-free' },
      ]),
    );
    expect(diff.blocks.find((b) => b.op === 'insert')?.segments[0]?.text).toBe('Imaging every 8 weeks.');
    expect(diff.blocks.filter((b) => b.op === 'equal').map((b) => b.segments[0]?.text)).toEqual(['Patients are followed for two years.']);

    const view = await team.viewer.get(`/api/documents/${team.docId}/versions/${submitted.id}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify((view.body as VersionDetailView).content)).toContain('overall survival');

    // Only writers name and restore.
    expect((await team.viewer.post(`/api/documents/${team.docId}/versions`, { name: 'Mine' })).status).toBe(403);
    expect((await team.commenter.post(`/api/documents/${team.docId}/versions/${submitted.id}/restore`)).status).toBe(403);
    expect((await team.owner.post(`/api/documents/${team.docId}/versions/nope/restore`)).status).toBe(404);
    const invalid = await team.owner.post(`/api/documents/${team.docId}/versions`, { name: '' });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid).fields?.name).toBeDefined();

    const restored = await team.owner.post(`/api/documents/${team.docId}/versions/${submitted.id}/restore`);
    expect(restored.status).toBe(200);
    // The live client receives the restore as an ordinary change.
    await waitFor(() => plain(client.doc) === 'The primary endpoint is overall survival.\nPatients are followed for two years.', {
      what: 'the restore on the live client',
    });

    // Nothing was lost: the state before the restore is a version of its own.
    const list = await versions();
    const backup = list.find((v) => v.kind === 'before-restore');
    expect(backup?.name).toBe('Before restoring “Submitted to funder”');
    expect(list.find((v) => v.kind === 'restored')?.name).toBe('Restored “Submitted to funder”');
    const kept = await team.owner.get(`/api/documents/${team.docId}/versions/${backup?.id}`);
    expect(JSON.stringify((kept.body as VersionDetailView).content)).toContain('Imaging every 8 weeks.');
  });

  it('hides another group’s history behind 404 and refuses bad comparisons', async () => {
    const stranger = new ApiClient(server.url);
    await stranger.signup('Stan Stranger');
    expect((await stranger.get(`/api/documents/${team.docId}/versions`)).status).toBe(404);
    expect((await stranger.get(`/api/documents/${team.docId}/compare?from=current&to=current`)).status).toBe(404);
    expect((await team.owner.get(`/api/documents/${team.docId}/compare`)).status).toBe(400);
    expect((await team.owner.get(`/api/documents/${team.docId}/compare?from=missing`)).status).toBe(404);
    expect((await team.owner.get(`/api/documents/${team.docId}/versions/missing`)).status).toBe(404);
  });
});
