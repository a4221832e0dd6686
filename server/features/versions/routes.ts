/**
 * Version history under /api/documents/:id: list, name the current state, view one, compare two,
 * restore. Every member may read the history; writers may name and restore.
 */
import { Hono } from 'hono';
import { createVersionInput } from '../../../shared/api/versions.js';
import type { CollabHub } from '../../collab/hub.js';
import type { Research } from './service.js';
import { peopleByIds } from '../members/people.js';
import { docToJson } from '../../text/index.js';
import type { Auth } from '../../auth/index.js';
import { documentOr404, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import { presentVersion, versionPeople } from './presenters.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';

export interface ResearchRouteDeps {
  auth: Auth;
  hub: Pick<CollabHub, 'readDocument' | 'applyServerUpdate'>;
  research: Research;
}

/** 409 for changes to a document in the trash (restore it first). */
export function refuseTrashed(doc: { deletedAt: number | null }): void {
  if (doc.deletedAt !== null) throw new ApiError(409, 'document_trashed', 'this document is in the trash; restore it first');
}

export function versionRoutes(deps: ResearchRouteDeps): Hono<SessionEnv> {
  const { auth, research } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/:id/versions', async (c) => {
    const { doc } = await documentOr404(auth, c.req.param('id'), c.get('session').user.id);
    const versions = await research.versions.list(doc.id);
    const people = await peopleByIds(research.db, versionPeople(versions));
    return c.json({ versions: versions.map((v) => presentVersion(v, people)) });
  });

  app.post('/:id/versions', jsonBody(createVersionInput), async (c) => {
    const me = c.get('session').user;
    const { doc, role } = await documentOr404(auth, c.req.param('id'), me.id);
    requireCapability(role, 'document.write');
    refuseTrashed(doc);
    const { name } = c.req.valid('json');
    const version = await research.saveVersion(doc.id, { kind: 'named', name, createdBy: me.id, authors: [] });
    await research.logEvent(doc.id, me.id, 'version', name);
    const people = await peopleByIds(research.db, versionPeople([version]));
    return c.json({ version: presentVersion(version, people) }, 201);
  });

  app.get('/:id/versions/:vid', async (c) => {
    const { doc } = await documentOr404(auth, c.req.param('id'), c.get('session').user.id);
    const version = await research.versions.get(doc.id, c.req.param('vid'));
    if (!version) throw new ApiError(404, 'not_found', 'no such version');
    const people = await peopleByIds(research.db, versionPeople([version]));
    return c.json({ version: presentVersion(version, people), content: docToJson(version.snapshot) });
  });

  app.post('/:id/versions/:vid/restore', async (c) => {
    const me = c.get('session').user;
    const { doc, role } = await documentOr404(auth, c.req.param('id'), me.id);
    requireCapability(role, 'document.write');
    refuseTrashed(doc);
    const restored = await research.restore(doc.id, c.req.param('vid'), me.id);
    if (!restored) throw new ApiError(404, 'not_found', 'no such version');
    const people = await peopleByIds(research.db, versionPeople([restored]));
    return c.json({ version: presentVersion(restored, people) });
  });

  // `from` and `to` are version ids, or "current" for the live document.
  app.get('/:id/compare', async (c) => {
    const { doc } = await documentOr404(auth, c.req.param('id'), c.get('session').user.id);
    const stateOf = async (ref: string | undefined, field: string): Promise<Uint8Array> => {
      if (!ref) throw new ApiError(400, 'invalid_input', 'from and to are required', { [field]: ['required'] });
      if (ref === 'current') return deps.hub.readDocument(doc.id);
      const version = await research.versions.get(doc.id, ref);
      if (!version) throw new ApiError(404, 'not_found', `no such version: ${field}`);
      return version.snapshot;
    };
    const from = c.req.query('from');
    const to = c.req.query('to') ?? 'current';
    const comparison = research.compare(await stateOf(from, 'from'), await stateOf(to, 'to'));
    return c.json({ from, to, ...comparison });
  });

  return app;
}
