/** The file store the server runs on: bytes in PostgreSQL with DATABASE_URL, in DATA_DIR otherwise. */
import type { Storage } from '../../storage/storage.js';
import { DiskBlobs, filesDirOf } from './disk-blobs.js';
import { FileStore, type FileLimits } from './file-store.js';

export function openFileStore(storage: Pick<Storage, 'db' | 'engine'>, dataDir: string, fileLimits?: Partial<FileLimits>): FileStore {
  return new FileStore(storage.db, storage.engine === 'postgres' ? null : new DiskBlobs(filesDirOf(dataDir)), fileLimits);
}
