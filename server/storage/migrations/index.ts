/**
 * Every schema migration, in apply order. Add a file per migration and one line here; never edit a
 * migration that has shipped.
 */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { documentLog } from './0001_document_log.js';
import { accounts } from './0002_accounts.js';
import { research } from './0003_research.js';
import { changesAndCalendars } from './0004_changes_and_calendars.js';
import { commentSearch } from './0010_comment_search.js';
import { notifications } from './0012_notifications.js';
import { mail } from './0013_mail.js';
import { sharing } from './0014_sharing.js';
import { documentFiles } from './0016_document_files.js';
import { suggestionTimes } from './0018_suggestion_times.js';
import type { AnyDb, Engine, MigrationFactory } from './engine.js';

const migrations: Array<[name: string, factory: MigrationFactory]> = [
  ['0001_document_log', documentLog],
  ['0002_accounts', accounts],
  ['0003_research', research],
  ['0004_changes_and_calendars', changesAndCalendars],
  ['0010_comment_search', commentSearch],
  ['0012_notifications', notifications],
  ['0013_mail', mail],
  ['0014_sharing', sharing],
  ['0016_document_files', documentFiles],
  ['0018_suggestion_times', suggestionTimes],
];

/**
 * Applies every pending migration; throws naming the one that failed. On PostgreSQL pass the schema the
 * tables live in: without it Kysely's migrator takes a `kysely_migration` table in any other schema of
 * the database for its own and skips creating one.
 */
export async function migrate(db: AnyDb, engine: Engine, options: { schema?: string } = {}): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(migrations.map(([name, make]): [string, Migration] => [name, make(engine)])),
  };
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema: options.schema }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? '(setup)'} failed: ${String(error)}`, { cause: error });
  }
}

export type { Engine } from './engine.js';
