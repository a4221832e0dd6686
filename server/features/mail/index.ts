/**
 * Email (issue 14): notification mail after a delay if still unread, batched, never at night; the daily
 * digest; password reset, address verification and one-click unsubscribe. `createMail` assembles it
 * over the database; main.ts calls it only when SMTP_URL is set.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Auth } from '../../auth/index.js';
import type { AccountStore } from '../../storage/accounts.js';
import type { Engine } from '../../storage/migrations/index.js';
import type { Schema } from '../../storage/schema.js';
import type { DigestSource } from './digest.js';
import type { NotificationFeed } from './feed.js';
import { Outbox } from './outbox.js';
import { isEmailVerified, mailRoutes, queueDocumentInvitation, queueInvitation, unsubscribeRoutes } from './routes.js';
import { MailScheduler, type MailTimings } from './scheduler.js';
import { UnsubscribeSigner } from './signing.js';
import { MailTokenStore } from './tokens.js';
import { smtpTransport, type MailTransport } from './transport.js';
import { UnsubscribeStore } from './unsubscribes.js';

export { digestSource, type DigestContent, type DigestDeps, type DigestSource } from './digest.js';
export type { CreatedNotification, NotificationFeed } from './feed.js';
export { isEmailVerified } from './routes.js';
export { mailOffRoutes } from './off-routes.js';
export { defaultMailTimings, type MailTimings } from './scheduler.js';
export { defaultWindow, eveningBefore, isAwake, type LocalWindow } from './local-time.js';
export { setupMail, type MailSetupDeps } from './setup.js';
export { smtpTransport, type MailTransport, type OutgoingMail } from './transport.js';

export interface MailConfig {
  smtpUrl: string;
  from: string;
  publicUrl: string;
}

export interface MailDeps {
  db: Kysely<Schema>;
  engine: Engine;
  accounts: AccountStore;
  auth: Auth;
  feed: NotificationFeed;
  digest: DigestSource;
  log: Logger;
  now: () => number;
  /** Replaces SMTP (not used by the tests, which talk to a real SMTP server). */
  transport?: MailTransport;
}

export interface Mail {
  /** Reset, verification: mount inside the API, behind its origin guard (`api.route('/', mail.routes)`). */
  routes: ReturnType<typeof mailRoutes>;
  /** One-click unsubscribe: mount before the origin guard (`app.route('/', mail.unsubscribeRoutes)`). */
  unsubscribeRoutes: ReturnType<typeof unsubscribeRoutes>;
  scheduler: MailScheduler;
  outbox: Outbox;
  /** For the invitation routes (features/invites deps `mailInvite`). */
  mailInvite(to: string, token: string, inviterId: string, workspaceName: string): Promise<void>;
  /** For sharing one document with an address that has no account (features/sharing). */
  mailDocumentInvite(to: string, token: string, inviterId: string, documentTitle: string): Promise<void>;
  /** For the invitation routes (features/invites deps `isEmailVerified`). */
  isEmailVerified(userId: string): Promise<boolean>;
  stop(): Promise<void>;
}

export function createMail(config: MailConfig, deps: MailDeps, timings: Partial<MailTimings> = {}): Mail {
  const outbox = new Outbox(deps.db, deps.engine);
  const signer = new UnsubscribeSigner(deps.db);
  const unsubscribes = new UnsubscribeStore(deps.db);
  const scheduler = new MailScheduler(
    {
      outbox,
      accounts: deps.accounts,
      feed: deps.feed,
      digest: deps.digest,
      transport: deps.transport ?? smtpTransport(config.smtpUrl, config.from, deps.log),
      signer,
      unsubscribes,
      publicUrl: config.publicUrl,
      messageDomain: new URL(config.publicUrl).hostname,
      log: deps.log,
      now: deps.now,
    },
    timings,
  );
  const routes = mailRoutes({ db: deps.db, auth: deps.auth, accounts: deps.accounts, outbox, tokens: new MailTokenStore(deps.db), signer, unsubscribes, publicUrl: config.publicUrl });
  return {
    routes,
    unsubscribeRoutes: unsubscribeRoutes({ signer, unsubscribes, auth: deps.auth }),
    scheduler,
    outbox,
    mailInvite: (to, token, inviterId, workspaceName) => queueInvitation(outbox, config.publicUrl, deps.now(), to, token, inviterId, workspaceName),
    mailDocumentInvite: (to, token, inviterId, documentTitle) => queueDocumentInvitation(outbox, config.publicUrl, deps.now(), to, token, inviterId, documentTitle),
    isEmailVerified: (userId) => isEmailVerified(deps.db, userId),
    stop: () => scheduler.stop(),
  };
}
