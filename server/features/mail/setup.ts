/**
 * What main.ts calls: email when the config has SMTP, else a log line saying email is off (accounts
 * then work as before). Kept here so the wiring is one call with the server's own parts.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Auth } from '../../auth/index.js';
import type { CollabHub } from '../../collab/hub.js';
import type { AccountStore } from '../../storage/accounts.js';
import type { Engine } from '../../storage/migrations/index.js';
import type { Schema } from '../../storage/schema.js';
import { peopleByIds } from '../members/index.js';
import type { VersionService } from '../versions/index.js';
import { digestSource, type DigestDeps } from './digest.js';
import type { NotificationFeed } from './feed.js';
import { createMail, type Mail, type MailConfig } from './index.js';
import type { MailTimings } from './scheduler.js';

export interface MailSetupDeps {
  db: Kysely<Schema>;
  engine: Engine;
  accounts: AccountStore;
  auth: Auth;
  hub: Pick<CollabHub, 'readDocument'>;
  versions: Pick<VersionService, 'compare'>;
  feed: NotificationFeed;
  /** Documents a user follows and threads waiting on them (features/notifications), when it offers them. */
  followed?: DigestDeps['followed'];
  waiting?: DigestDeps['waiting'];
  log: Logger;
}

/** Starts email for `config` (null = off: logs it and returns null). */
export function setupMail(config: (MailConfig & { delayMs: number }) | null, deps: MailSetupDeps, timings: Partial<MailTimings> = {}): Mail | null {
  if (!config) {
    deps.log.info('email is off (no SMTP_URL): no notification mail, digest, emailed invitations or password reset');
    return null;
  }
  const mail = createMail(
    config,
    {
      db: deps.db,
      engine: deps.engine,
      accounts: deps.accounts,
      auth: deps.auth,
      feed: deps.feed,
      digest: digestSource({
        db: deps.db,
        followed: deps.followed,
        waiting: deps.waiting,
        readDocument: (id) => deps.hub.readDocument(id),
        compare: (a, b) => deps.versions.compare(a, b),
        names: (ids) => peopleByIds(deps.db, ids),
      }),
      log: deps.log,
      now: deps.auth.now,
    },
    { delayMs: config.delayMs, ...timings },
  );
  mail.scheduler.start();
  deps.log.info({ publicUrl: config.publicUrl }, 'email is on');
  return mail;
}
