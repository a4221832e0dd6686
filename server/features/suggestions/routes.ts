/** GET /api/documents/:id/suggestions: who made each suggestion and when the server first committed it. */
import { Hono } from 'hono';
import type { SuggestionTimesView } from '../../../shared/api/suggestions.js';
import { documentOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { SuggestionTimes } from './times.js';

export interface SuggestionRouteDeps {
  documents: Pick<DocumentMetaStore, 'withRole'>;
  times: Pick<SuggestionTimes, 'of'>;
}

export function suggestionRoutes(deps: SuggestionRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/suggestions', async (c) => {
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), c.get('session').user.id);
    const view: SuggestionTimesView = { suggestions: await deps.times.of(doc.id) };
    return c.json(view);
  });
  return app;
}
