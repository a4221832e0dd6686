/** `npm run restore -- <file> [--data-dir DIR]`: a backup becomes the database of a new, empty data directory. */
import path from 'node:path';
import { runOperatorCommand } from './operator-command.js';
import { restoreSqliteDatabase } from './storage/sqlite/restore.js';

const usage = `Usage: npm run restore -- <file> [--data-dir DIR]

Restores a backup made by \`npm run backup\` into DIR (default: DATA_DIR, else ./data), which must be
missing or empty; then start Confer on it (DATA_DIR=DIR npm start).`;

await runOperatorCommand(usage, async ({ file, dataDir }) => {
  const { files } = restoreSqliteDatabase(file, dataDir);
  return `Restored ${path.resolve(file)} (with ${files} figure image(s)) into ${path.resolve(dataDir)}. Start Confer with DATA_DIR=${dataDir} npm start`;
});
