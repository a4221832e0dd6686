/** `npm run backup -- <file> [--data-dir DIR]`: a consistent copy of the SQLite database while Confer runs. */
import path from 'node:path';
import { runOperatorCommand } from './operator-command.js';
import { backupSqliteDatabase } from './storage/sqlite/backup.js';

const usage = `Usage: npm run backup -- <file> [--data-dir DIR]

Writes a consistent copy of the Confer database in DIR (default: DATA_DIR, else ./data) to <file>,
a single SQLite file, while Confer keeps running. <file> must not exist yet.
Restore it with: npm run restore -- <file> --data-dir <new empty directory>`;

await runOperatorCommand(usage, async ({ file, dataDir }) => {
  const result = await backupSqliteDatabase(dataDir, file);
  const lines = [`Backed up ${path.resolve(dataDir)} to ${path.resolve(result.file)} (${(result.bytes / 1024).toFixed(0)} KB).`];
  if (result.filesDir) {
    lines.push(`Figures' images are in ${path.resolve(result.filesDir)}, not in the backup file: copy that directory too (its files never change, so a copy while Confer runs is safe).`);
  }
  if (result.notCopied.length > 0) lines.push(`Not copied (Confer does not keep these): ${result.notCopied.join(', ')}`);
  return lines.join('\n');
});
