/** A backup or restore problem the operator can fix (a wrong path, an existing file, not a backup). */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}
