/**
 * Version history under /api/documents/:id: list, name the current state, view one, compare two,
 * restore. Every member may read the history; writers may name and restore.
 */
import { Hono } from 'hono';
import type { PersonView } from '../../../shared/api/people.js';
import { compareQuery, createVersionInput, type VersionDetailView } from '../../../shared/api/versions.js';
import type { CollabHub } from '../../collab/hub.js';
import { documentOr404, refuseTrashed, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody, queryInput } from '../../http/validate.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import { person, type PeopleLookup } from '../members/index.js';
import { comparisonPeople, presentComparison, presentVersion, suggestersIn, versionPeople } from './presenters.js';
import type { VersionService } from './service.js';

export interface VersionRouteDeps {
  /** Names for user ids (members/people.ts). */
  people: PeopleLookup;
  documents: DocumentMetaStore;
  hub: Pick<CollabHub, 'readDocument'>;
  versions: VersionService;
  /** Writes a named version to the activity log. */
  logNamed: (docId: string, userId: string, name: string) => Promise<void>;
}

export function versionRoutes(deps: VersionRouteDeps): Hono<SessionEnv> {
  const { documents, versions } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/:id/versions', async (c) => {
    const { doc } = await documentOr404(documents, c.req.param('id'), c.get('session').user.id);
    const list = await versions.store.list(doc.id);
    const people = await deps.people(versionPeople(list));
    return c.json({ versions: list.map((v) => presentVersion(v, people)) });
  });

  app.post('/:id/versions', jsonBody(createVersionInput), async (c) => {
    const me = c.get('session').user;
    const { doc, role } = await documentOr404(documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.write');
    refuseTrashed(doc);
    const { name } = c.req.valid('json');
    const version = await versions.save(doc.id, { kind: 'named', name, createdBy: me.id, authors: [] });
    await deps.logNamed(doc.id, me.id, name);
    const people = await deps.people(versionPeople([version]));
    return c.json({ version: presentVersion(version, people) }, 201);
  });

  app.get('/:id/versions/:vid', async (c) => {
    const { doc } = await documentOr404(documents, c.req.param('id'), c.get('session').user.id);
    const version = await versions.store.get(doc.id, c.req.param('vid'));
    if (!version) throw new ApiError(404, 'not_found', 'no such version');
    // The editor schema loads on first use, not at start-up (see versions/service.ts).
    const { docToJson } = await import('../../text/ydoc.js');
    const content = docToJson(version.snapshot);
    const suggesters = suggestersIn(content);
    const people = await deps.people([...versionPeople([version]), ...suggesters]);
    const detail: VersionDetailView = {
      version: presentVersion(version, people),
      content,
      suggesters: suggesters.map((id) => person(people, id)).filter((p): p is PersonView => p !== null),
    };
    return c.json(detail);
  });

  app.post('/:id/versions/:vid/restore', async (c) => {
    const me = c.get('session').user;
    const { doc, role } = await documentOr404(documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.write');
    refuseTrashed(doc);
    const restored = await versions.restore(doc.id, c.req.param('vid'), me.id);
    if (!restored) throw new ApiError(404, 'not_found', 'no such version');
    const people = await deps.people(versionPeople([restored]));
    return c.json({ version: presentVersion(restored, people) });
  });

  // `from` and `to` are version ids, or "current" for the live document.
  app.get('/:id/compare', queryInput(compareQuery), async (c) => {
    const { doc } = await documentOr404(documents, c.req.param('id'), c.get('session').user.id);
    const { from, to } = c.req.valid('query');
    const stateOf = async (ref: string, field: string): Promise<Uint8Array> => {
      if (ref === 'current') return deps.hub.readDocument(doc.id);
      const version = await versions.store.get(doc.id, ref);
      if (!version) throw new ApiError(404, 'not_found', `no such version: ${field}`);
      return version.snapshot;
    };
    const comparison = await versions.compare(await stateOf(from, 'from'), await stateOf(to, 'to'));
    const people = await deps.people(comparisonPeople(comparison));
    return c.json({ from, to, ...presentComparison(comparison, people) });
  });

  return app;
}
