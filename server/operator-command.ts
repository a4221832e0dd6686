/**
 * What `npm run backup` and `npm run restore` share: one file argument plus `--data-dir`, the data
 * directory from the same environment `npm start` reads, and errors printed as one line (exit 1).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';

export interface OperatorArgs {
  file: string;
  dataDir: string;
}

/** Parses the command line and runs `command`; never returns (the process exits with its outcome). */
export async function runOperatorCommand(usage: string, command: (args: OperatorArgs) => Promise<string>): Promise<never> {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) exit(0, usage);
    if (positionals.length !== 1) exit(2, usage);
    const config = loadConfig();
    if (config.databaseUrl) {
      exit(2, 'DATABASE_URL is set: Confer keeps its data in PostgreSQL, so use pg_dump and pg_restore (README, "Backups").');
    }
    exit(0, await command({ file: positionals[0]!, dataDir: values['data-dir'] ?? config.dataDir }));
  } catch (error) {
    if (error instanceof ConfigError) exit(2, error.message);
    // parseArgs' errors (an unknown option) get the usage; ours and SQLite's are written for the operator.
    if (isParseArgsError(error)) exit(2, `${error.message}\n\n${usage}`);
    exit(1, error instanceof Error ? error.message : String(error));
  }
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

function exit(code: number, message: string): never {
  (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
  process.exit(code);
}
