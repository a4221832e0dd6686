/**
 * Catch-up under /api/documents/:id: what changed since your last recorded visit (who, when, and a
 * highlighted diff), and recording that you have now seen the current state.
 *
 *   GET  /api/documents/:id/catch-up
 *   POST /api/documents/:id/visit
 */
import { Hono } from 'hono';
import type { CatchUpView } from '../../../shared/api/catch-up.js';
import type { CollabHub } from '../../collab/hub.js';
import { documentOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import { presentActivity, type ActivityLog } from '../activity/index.js';
import type { PeopleLookup } from '../members/index.js';
import { comparisonPeople, presentComparison, type VersionService } from '../versions/index.js';
import type { VisitStore } from './visits.js';

export interface CatchUpRouteDeps {
  /** Names for user ids (members/people.ts). */
  people: PeopleLookup;
  documents: DocumentMetaStore;
  hub: Pick<CollabHub, 'readDocument'>;
  visits: VisitStore;
  activity: ActivityLog;
  /** Compares the state at your last visit with the current one. */
  versions: Pick<VersionService, 'compare'>;
  now: () => number;
}

export function catchUpRoutes(deps: CatchUpRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();

  app.get('/:id/catch-up', async (c) => {
    const me = c.get('session').user;
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), me.id);
    const visit = await deps.visits.get(me.id, doc.id);
    if (!visit) {
      const first: CatchUpView = { lastVisitAt: null, authors: [], activity: [], blocks: [], insertions: 0, deletions: 0, suggestions: [] };
      return c.json(first);
    }
    const comparison = await deps.versions.compare(visit.snapshot, await deps.hub.readDocument(doc.id));
    const entries = await deps.activity.store.list({ docId: doc.id, since: visit.visitedAt, limit: 100 });
    const authorIds = new Set([...entries.flatMap((e) => (e.userId ? [e.userId] : [])), ...deps.activity.pendingAuthors(doc.id)]);
    const people = await deps.people([...authorIds, ...comparisonPeople(comparison)]);
    const shown = presentComparison(comparison, people);
    const view: CatchUpView = {
      lastVisitAt: visit.visitedAt,
      authors: [...authorIds].map((id) => people.get(id) ?? { id, name: 'Former member' }),
      activity: entries.map((e) => presentActivity(e, people)),
      // Only changes (accepted ones, or new suggestions) are worth sending to someone catching up.
      blocks: shown.insertions + shown.deletions === 0 && shown.suggestions.length === 0 ? [] : shown.blocks,
      insertions: shown.insertions,
      deletions: shown.deletions,
      suggestions: shown.suggestions,
    };
    return c.json(view);
  });

  app.post('/:id/visit', async (c) => {
    const me = c.get('session').user;
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), me.id);
    const at = deps.now();
    await deps.visits.record(me.id, doc.id, at, await deps.hub.readDocument(doc.id));
    return c.json({ visitedAt: at });
  });

  return app;
}
