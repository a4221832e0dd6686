/**
 * The files of documents behind one interface. Metadata (type, size, who, when) is a row of
 * `document_files` on either engine; the bytes go to a `BlobPlace`: the row itself on PostgreSQL (every
 * node reads them), a file under DATA_DIR on the embedded setup. Files are content-addressed (the id is
 * the SHA-256 of the bytes), so storing the same image twice in a document stores it once.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../http/errors.js';
import { isUniqueViolation, millis } from '../../storage/rows.js';
import type { Schema } from '../../storage/schema.js';

/** What is known about a stored file. */
export interface FileInfo {
  docId: string;
  id: string;
  contentType: string;
  byteSize: number;
  createdAt: number;
}

/** A stored file with its bytes. */
export interface StoredFile extends FileInfo {
  bytes: Uint8Array;
}

/** A file to store; its id is computed from the bytes. */
export interface NewFile {
  docId: string;
  contentType: string;
  bytes: Uint8Array;
  createdBy: string | null;
  createdAt: number;
}

/** Where the bytes of files live: beside the row (null = in the row's `data` column) or elsewhere. */
export interface BlobPlace {
  write(docId: string, id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when they are missing. */
  read(docId: string, id: string): Promise<Uint8Array | null>;
  remove(docId: string, id: string): Promise<void>;
}

/** Per-file and per-document caps (defaults from shared/limits.ts; tests lower them). */
export interface FileLimits {
  maxFileBytes: number;
  maxDocumentFileBytes: number;
}

/** SHA-256 of the bytes, lower-case hex: a file's id. */
export function fileIdOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const infoColumns = ['doc_id', 'id', 'content_type', 'byte_size', 'created_at'] as const;

function toInfo(row: { doc_id: string; id: string; content_type: string; byte_size: number | string; created_at: number | string }): FileInfo {
  return { docId: row.doc_id, id: row.id, contentType: row.content_type, byteSize: millis(row.byte_size), createdAt: millis(row.created_at) };
}

export class FileStore {
  readonly limits: FileLimits;

  /** `blobs` null keeps the bytes in the row (PostgreSQL). */
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly blobs: BlobPlace | null,
    fileLimits: Partial<FileLimits> = {},
  ) {
    this.limits = { maxFileBytes: limits.maxFileBytes, maxDocumentFileBytes: limits.maxDocumentFileBytes, ...fileLimits };
  }

  /**
   * Stores a file (413 `file_too_large` / `document_files_full` over the limits) and returns its info.
   * Two uploads racing past the document's limit at once can overshoot it by one file: the limit
   * bounds abuse, it is not a quota anyone pays for.
   */
  async put(file: NewFile): Promise<FileInfo> {
    const size = file.bytes.byteLength;
    if (size > this.limits.maxFileBytes) throw new ApiError(413, 'file_too_large', `files are limited to ${this.limits.maxFileBytes} bytes`);
    const id = fileIdOf(file.bytes);
    const existing = await this.info(file.docId, id);
    if (existing) return existing;
    if ((await this.usage(file.docId)) + size > this.limits.maxDocumentFileBytes) {
      throw new ApiError(413, 'document_files_full', `a document's files are limited to ${this.limits.maxDocumentFileBytes} bytes in all`);
    }
    // Bytes first: a row never points at bytes that are not there.
    await this.blobs?.write(file.docId, id, file.bytes);
    try {
      await this.db
        .insertInto('document_files')
        .values({
          doc_id: file.docId,
          id,
          content_type: file.contentType,
          byte_size: size,
          created_by: file.createdBy,
          created_at: file.createdAt,
          data: this.blobs ? null : file.bytes,
        })
        .execute();
    } catch (error) {
      // The same bytes stored by a concurrent upload: same id, same content, nothing to do.
      if (!isUniqueViolation(error)) throw error;
    }
    return { docId: file.docId, id, contentType: file.contentType, byteSize: size, createdAt: file.createdAt };
  }

  async info(docId: string, id: string): Promise<FileInfo | null> {
    const row = await this.db.selectFrom('document_files').select(infoColumns).where('doc_id', '=', docId).where('id', '=', id).executeTakeFirst();
    return row ? toInfo(row) : null;
  }

  /** A file with its bytes, or null. */
  async get(docId: string, id: string): Promise<StoredFile | null> {
    const row = await this.db
      .selectFrom('document_files')
      .select([...infoColumns, 'data'])
      .where('doc_id', '=', docId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const bytes = this.blobs ? await this.blobs.read(docId, id) : row.data;
    return bytes ? { ...toInfo(row), bytes: new Uint8Array(bytes) } : null;
  }

  /** Bytes stored for a document. */
  async usage(docId: string): Promise<number> {
    const row = await this.db
      .selectFrom('document_files')
      .select((eb) => eb.fn.sum<number | string | null>('byte_size').as('total'))
      .where('doc_id', '=', docId)
      .executeTakeFirst();
    return row?.total == null ? 0 : Number(row.total);
  }

  /** Every file of a document (without bytes). */
  async list(docId: string): Promise<FileInfo[]> {
    const rows = await this.db.selectFrom('document_files').select(infoColumns).where('doc_id', '=', docId).orderBy('created_at').execute();
    return rows.map(toInfo);
  }

  /** Documents that have at least one file (what a garbage-collection sweep visits). */
  async documentsWithFiles(): Promise<string[]> {
    const rows = await this.db.selectFrom('document_files').select('doc_id').distinct().execute();
    return rows.map((r) => r.doc_id);
  }

  /** Deletes a file: the row first, so nobody is served a row whose bytes are going. */
  async remove(docId: string, id: string): Promise<void> {
    await this.db.deleteFrom('document_files').where('doc_id', '=', docId).where('id', '=', id).execute();
    await this.blobs?.remove(docId, id);
  }
}
