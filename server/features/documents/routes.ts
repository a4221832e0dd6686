/**
 * Documents of a workspace: list (live or trash), create (seeded from a template on the server),
 * read, rename, move to trash and restore. A document outside your workspaces is a 404, never a 403.
 */
import { Hono } from 'hono';
import { createDocumentInput, listDocumentsQuery, renameDocumentInput, type DocumentTemplate } from '../../../shared/api/documents.js';
import type { Auth } from '../../auth/index.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import { documentOr404, membershipOr404, requireCapability } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody, queryInput } from '../../http/validate.js';
import type { DocumentMetaStore, NewDocument } from '../../storage/documents.js';
import type { DocumentStore } from '../../storage/types.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import type { PeopleLookup } from '../members/index.js';
import { onlyMe, presentDocument } from './presenters.js';

/**
 * Initial content for a new document, as one Yjs update (null: start empty); server/text/seed.ts by
 * default. Seeding on the server means every joiner syncs the same single copy of the template.
 */
export type DocumentSeeder = (template: DocumentTemplate, title: string) => Uint8Array | null | Promise<Uint8Array | null>;

export interface DocumentRouteDeps {
  documents: DocumentMetaStore;
  workspaces: WorkspaceStore;
  /** Names for user ids (members/people.ts): who last changed each document. */
  people: PeopleLookup;
  /** The document log, where a template's initial content is written. */
  store: DocumentStore;
  auth: Pick<Auth, 'revoker'>;
  now: () => number;
  seed: DocumentSeeder;
  /** Told when a title changes, so search finds the new title at once (not after the next edit). */
  onRenamed?: (docId: string) => Promise<void>;
  /** Told when someone creates a document (features/notifications: the creator follows it). */
  onCreated?: (docId: string, userId: string) => Promise<void>;
}

/** Routes under /api/workspaces/:id/documents. */
export function workspaceDocumentRoutes(deps: DocumentRouteDeps): Hono<SessionEnv> {
  const { documents, workspaces } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/:id/documents', queryInput(listDocumentsQuery), async (c) => {
    const row = await membershipOr404(workspaces, c.req.param('id'), c.get('session').user.id);
    const { trashed } = c.req.valid('query');
    const docs = await documents.list(row.workspace.id, trashed);
    const people = await deps.people(docs.flatMap((d) => d.changedBy));
    return c.json({ documents: docs.map((d) => presentDocument(d, people)) });
  });

  app.post('/:id/documents', jsonBody(createDocumentInput), async (c) => {
    const me = c.get('session').user;
    const row = await membershipOr404(workspaces, c.req.param('id'), me.id);
    requireCapability(row.role, 'document.manage');
    const { title, template } = c.req.valid('json');
    const now = deps.now();
    const doc: NewDocument = {
      id: generateSecureRandomString(),
      workspaceId: row.workspace.id,
      title,
      template,
      createdBy: me.id,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    // Content first: if the metadata insert then fails, the orphaned log rows are unreachable, whereas
    // the other order could show a "protocol" document that is empty.
    const initial = await deps.seed(template, title);
    if (initial) await deps.store.append([{ docId: doc.id, update: initial }]);
    const created = await documents.create(doc);
    await deps.onCreated?.(doc.id, me.id);
    return c.json({ document: presentDocument(created, onlyMe(me)) }, 201);
  });

  return app;
}

/** Routes under /api/documents/:id. */
export function documentRoutes(deps: DocumentRouteDeps): Hono<SessionEnv> {
  const { auth, documents } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/:id', async (c) => {
    const { doc, guest } = await documentOr404(documents, c.req.param('id'), c.get('session').user.id);
    // `guest`: the caller has this one document shared with them, so its group is not theirs to read.
    return c.json({ document: presentDocument(doc, await deps.people(doc.changedBy)), ...(guest ? { guest: true } : {}) });
  });

  app.patch('/:id', jsonBody(renameDocumentInput), async (c) => {
    const me = c.get('session').user;
    const { doc, role, guest } = await documentOr404(documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.manage', guest);
    const { title } = c.req.valid('json');
    const now = deps.now();
    await documents.rename(doc.id, title, now, me.id);
    await deps.onRenamed?.(doc.id);
    return c.json({ document: presentDocument({ ...doc, title, updatedAt: now, changedBy: [me.id] }, onlyMe(me)) });
  });

  app.delete('/:id', async (c) => {
    const me = c.get('session').user;
    const { doc, role, guest } = await documentOr404(documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.manage', guest);
    const now = deps.now();
    const deletedAt = doc.deletedAt ?? now;
    await documents.setDeleted(doc.id, deletedAt, now, me.id);
    auth.revoker.documentTrashed(doc.id);
    return c.json({ document: presentDocument({ ...doc, deletedAt, updatedAt: now, changedBy: [me.id] }, onlyMe(me)) });
  });

  app.post('/:id/restore', async (c) => {
    const me = c.get('session').user;
    const { doc, role, guest } = await documentOr404(documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.manage', guest);
    const now = deps.now();
    await documents.setDeleted(doc.id, null, now, me.id);
    return c.json({ document: presentDocument({ ...doc, deletedAt: null, updatedAt: now, changedBy: [me.id] }, onlyMe(me)) });
  });

  return app;
}
