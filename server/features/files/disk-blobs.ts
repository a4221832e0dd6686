/**
 * The bytes of files on disk, for the embedded setup: DATA_DIR/files/<docId>/<sha256>. Written to a
 * temporary name, fsynced and renamed (and the directory fsynced), so a crash leaves either the whole
 * file or none, and never a row without its file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isValidDocId } from '../../../shared/limits.js';
import { documentFilesDir } from '../../storage/sqlite/files.js';
import type { BlobPlace } from './file-store.js';

const FILE_ID = /^[0-9a-f]{64}$/;

export class DiskBlobs implements BlobPlace {
  constructor(private readonly root: string) {}

  /** The path of a file; throws on ids that could leave the directory (they are checked by the routes too). */
  private pathOf(docId: string, id: string): string {
    if (!isValidDocId(docId) || !FILE_ID.test(id)) throw new Error(`invalid file address ${docId}/${id}`);
    return path.join(this.root, docId, id);
  }

  async write(docId: string, id: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(docId, id);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    // The rename is durable only once the directory is: the row written next must not outlive the file.
    const dir = await fs.open(path.dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  async read(docId: string, id: string): Promise<Uint8Array | null> {
    try {
      return await fs.readFile(this.pathOf(docId, id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(docId: string, id: string): Promise<void> {
    await fs.rm(this.pathOf(docId, id), { force: true });
  }
}

/** Where the embedded setup keeps files: beside the database in DATA_DIR (named in storage/sqlite/files.ts). */
export function filesDirOf(dataDir: string): string {
  return documentFilesDir(dataDir);
}
