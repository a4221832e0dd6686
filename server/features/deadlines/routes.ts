/** A document's deadline: GET /api/documents/:id/deadline, PUT { at: ms | null } (editors and owners). */
import { Hono } from 'hono';
import { setDeadlineInput } from '../../../shared/api/deadlines.js';
import { documentOr404, refuseTrashed, requireCapability } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { PeopleLookup } from '../members/index.js';
import { presentDeadline } from './presenters.js';
import type { DeadlineStore } from './store.js';

export interface DeadlineRouteDeps {
  /** Names for user ids (members/people.ts). */
  people: PeopleLookup;
  documents: DocumentMetaStore;
  deadlines: DeadlineStore;
  now: () => number;
}

export function deadlineRoutes(deps: DeadlineRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const present = async (docId: string) => {
    const deadline = await deps.deadlines.get(docId);
    const people = await deps.people(deadline ? [deadline.setBy] : []);
    return presentDeadline(docId, deadline, people);
  };

  app.get('/:id/deadline', async (c) => {
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), c.get('session').user.id);
    return c.json({ deadline: await present(doc.id) });
  });

  app.put('/:id/deadline', jsonBody(setDeadlineInput), async (c) => {
    const me = c.get('session').user;
    const { doc, role } = await documentOr404(deps.documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.manage');
    refuseTrashed(doc);
    const { at } = c.req.valid('json');
    await deps.deadlines.set(doc.id, at, me.id, deps.now());
    return c.json({ deadline: await present(doc.id) });
  });

  return app;
}
