/** `npm run backup -- <file> [--data-dir DIR]`: a consistent copy of the SQLite database while Confer runs. */
import path from 'node:path';
import { runOperatorCommand } from './operator-command.js';
import { backupSqliteDatabase } from './storage/sqlite/backup.js';

const usage = `Usage: npm run backup -- <file> [--data-dir DIR]

Writes a consistent copy of the Confer database in DIR (default: DATA_DIR, else ./data), with the
figures' images it names, to <file>, a single SQLite file, while Confer keeps running. <file> must not exist yet.
Restore it with: npm run restore -- <file> --data-dir <new empty directory>`;

await runOperatorCommand(usage, async ({ file, dataDir }) => {
  const result = await backupSqliteDatabase(dataDir, file);
  const lines = [`Backed up ${path.resolve(dataDir)} to ${path.resolve(result.file)} (${(result.bytes / 1024).toFixed(0)} KB).`];
  if (result.files.count > 0) lines.push(`Included ${result.files.count} figure image(s), ${(result.files.bytes / 1024).toFixed(0)} KB.`);
  if (result.files.missing.length > 0) {
    lines.push(`Left out ${result.files.missing.length} file(s) whose bytes were gone from the data directory (deleted since, or lost): ${result.files.missing.slice(0, 5).join(', ')}`);
  }
  if (result.notCopied.length > 0) lines.push(`Not copied (Confer does not keep these): ${result.notCopied.join(', ')}`);
  return lines.join('\n');
});
