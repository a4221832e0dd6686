/**
 * The JSON API under /api: origin guard and body limit on everything, then the session for every
 * route except signup, login and an invitation's preview, then each feature's sub-app with the stores
 * and services it needs.
 */
import { mailOffRoutes, type Mail } from './features/mail/index.js';
import { Hono } from 'hono';
import type { Auth } from './auth/index.js';
import type { CollabHub } from './collab/hub.js';
import { accountRoutes, meRoutes, passwordRoutes } from './features/account/index.js';
import { activityRoutes } from './features/activity/index.js';
import { catchUpRoutes } from './features/catch-up/index.js';
import { commentRoutes } from './features/comments/index.js';
import { calendarFeedRoutes, deadlineRoutes, workspaceDeadlineRoutes } from './features/deadlines/index.js';
import { documentRoutes, workspaceDocumentRoutes, type DocumentSeeder } from './features/documents/index.js';
import { invitePreviewRoutes, inviteRoutes, workspaceInviteRoutes } from './features/invites/index.js';
import { memberRoutes, peopleByIds } from './features/members/index.js';
import { documentFileRoutes, exportImagesOf, fileCopyRoutes, fileRoutes, linkFileRoutes, type FileStore } from './features/files/index.js';
import { followRoutes, invitationNotification, notificationRoutes, roleChangedNotification } from './features/notifications/index.js';
import { suggestionRoutes } from './features/suggestions/index.js';
import { RecentStore, recentRoutes } from './features/recent/index.js';
import { searchRoutes } from './features/search/index.js';
import { documentSharingRoutes, publicLinkRoutes, sharedWithMeRoutes } from './features/sharing/index.js';
import { documentAuthors, exportRoutes, importRoutes } from './features/transfer/index.js';
import { versionRoutes } from './features/versions/index.js';
import { workspaceRoutes } from './features/workspaces/index.js';
import { jsonBodyLimit } from './http/body-limit.js';
import type { ClientAddress } from './http/client-address.js';
import { originGuard } from './http/security.js';
import { requireSession, type SessionEnv } from './http/session.js';
import type { FeatureServices } from './services.js';
import type { Storage } from './storage/storage.js';
import type { PdfRenderer } from './text/pdf/renderer.js';
import type { MetaStores } from './storage/stores.js';

export interface ApiDeps {
  /** Email (features/mail): reset and verification routes, emailed invitations; null without SMTP. */
  mail?: Mail | null;
  auth: Auth;
  stores: MetaStores;
  storage: Pick<Storage, 'db' | 'documents'>;
  /** The relay: features read documents and apply restores through it. */
  hub: CollabHub;
  services: FeatureServices;
  seed: DocumentSeeder;
  allowedOrigins: () => readonly string[];
  publicUrl: string | undefined;
  clientAddress: ClientAddress;
  /** Prints PDF exports (headless Chromium, started on first use). */
  pdf: Pick<PdfRenderer, 'render'>;
  /** Documents' files (figures' images). */
  files: FileStore;
}

export function apiRoutes(deps: ApiDeps): Hono {
  const { auth, stores, services, hub } = deps;
  const { accounts, workspaces, invites, documents, sharing } = stores;
  const people = (ids: Iterable<string>) => peopleByIds(deps.storage.db, ids);
  const now = auth.now;

  const api = new Hono();
  api.use('/api/*', originGuard(deps.allowedOrigins));
  api.use('/api/*', jsonBodyLimit());
  api.route('/', deps.mail ? deps.mail.routes : mailOffRoutes());
  // An email-bound invitation also reaches the inbox of the account with that address, if there is one.
  const inviteMail = {
    mailInvite: deps.mail?.mailInvite,
    isEmailVerified: deps.mail?.isEmailVerified,
    onInvited: async (i: Parameters<typeof invitationNotification>[1] & { email: string }) => {
      const user = await accounts.userByEmail(i.email);
      if (user && user.id !== i.byId) await services.notifications.notify([invitationNotification(user.id, i)]);
    },
    // Accepted: the invitation in the inbox is done, and the bell says so.
    onAccepted: async (userId: string, inviteId: string) => {
      if (await services.notifications.store.markReadBySource(userId, `invitation:${inviteId}`)) services.live.changed(userId);
    },
  };
  // Registered before the session middleware below, so signup and login answer without a session.
  api.route('/api/auth', accountRoutes({ accounts, auth, publicUrl: deps.publicUrl, clientAddress: deps.clientAddress }));
  // An invitation's preview is for the link's holder before they sign in (features/invites/preview-routes.ts).
  api.route('/api/invites', invitePreviewRoutes({ invites, workspaces, documents, people, now }));
  // Calendar apps cannot sign in: the secret token in the feed's address is its credential.
  const deadlineDeps = { people, workspaces, documents, deadlines: services.deadlines, feeds: services.calendarFeeds, now, publicUrl: deps.publicUrl };
  api.route('/api/calendar', calendarFeedRoutes(deadlineDeps));
  // A read-only link opens its document signed in or not: the token is its credential.
  api.route('/api/links', publicLinkRoutes({ sharing, documents, now }));
  // ...and, with `?link=<token>`, that document's figures' images (features/files/link-routes.ts).
  api.route('/api/documents', linkFileRoutes({ links: sharing, documents, files: deps.files, now }));

  // Mounted at /api, this middleware covers every /api/* route registered after it.
  const signedIn = new Hono<SessionEnv>();
  signedIn.use('*', requireSession(deps));
  signedIn.route('/me', meRoutes({ accounts, auth }));
  // A password change ends the account's other sessions (features/account/password-routes.ts).
  signedIn.route('/me/password', passwordRoutes({ auth, clientAddress: deps.clientAddress }));

  signedIn.route('/workspaces', workspaceRoutes({ workspaces, now }));
  signedIn.route('/workspaces', memberRoutes({ workspaces, auth, now, onRoleChanged: (change) => services.notifications.notify([roleChangedNotification(change, now())]) }));
  signedIn.route('/workspaces', workspaceInviteRoutes({ invites, workspaces, now, ...inviteMail }));
  signedIn.route('/invites', inviteRoutes({ invites, workspaces, now, ...inviteMail }));
  // You follow the documents you create (and, through commits, those you edit or comment on).
  const onCreated = (docId: string, userId: string) => services.notifications.store.autoFollow([userId], docId);
  const documentDeps = { documents, workspaces, people, store: deps.storage.documents, auth, now, seed: deps.seed, onCreated };
  signedIn.route('/workspaces', workspaceDocumentRoutes(documentDeps));
  signedIn.route('/documents', documentRoutes({ ...documentDeps, onRenamed: (docId) => services.search.indexDocument(docId) }));

  signedIn.route('/search', searchRoutes({ workspaces, search: services.search }));
  signedIn.route('/recent', recentRoutes({ recent: new RecentStore(deps.storage.db), people }));
  signedIn.route(
    '/workspaces',
    importRoutes({ documents, workspaces, store: deps.storage.documents, versions: services.versions, search: services.search, activity: services.activity, files: deps.files, now }),
  );
  signedIn.route('/workspaces', activityRoutes({ people, workspaces, activity: services.activity.store }));
  signedIn.route(
    '/documents',
    versionRoutes({ people, documents, hub, versions: services.versions, logNamed: (docId, userId, name) => services.activity.logEvent(docId, userId, 'version', name) }),
  );
  signedIn.route('/documents', exportRoutes({ documents, workspaces, hub, pdf: deps.pdf, imagesOf: (docId, state) => exportImagesOf(deps.files, docId, state), authorsOf: documentAuthors({ activity: services.activity.store, people }), times: services.suggestionTimes, now }));
  signedIn.route('/documents', catchUpRoutes({ people, documents, hub, visits: services.visits, activity: services.activity, versions: services.versions, now }));
  signedIn.route('/documents', deadlineRoutes(deadlineDeps));
  signedIn.route('/workspaces', workspaceDeadlineRoutes(deadlineDeps));
  signedIn.route('/documents', commentRoutes({ documents, workspaces, accounts, hub }));
  const fileDeps = { documents, files: deps.files, now };
  signedIn.route('/documents', documentFileRoutes(fileDeps));
  signedIn.route('/documents', fileCopyRoutes(fileDeps));
  signedIn.route('/files', fileRoutes(fileDeps));
  signedIn.route('/notifications', notificationRoutes({ notifications: services.notifications, onUnreadChanged: (userId) => services.live.changed(userId) }));
  signedIn.route('/documents', followRoutes({ documents, store: services.notifications.store }));
  signedIn.route('/documents', suggestionRoutes({ documents, times: services.suggestionTimes }));
  const sharingDeps = { sharing, invites, documents, workspaces, accounts, auth, activity: services.activity, notifications: services.notifications, mailDocumentInvite: deps.mail?.mailDocumentInvite, people, now };
  signedIn.route('/documents', documentSharingRoutes(sharingDeps));
  signedIn.route('/shared-with-me', sharedWithMeRoutes(sharingDeps));
  api.route('/api', signedIn);
  return api;
}
