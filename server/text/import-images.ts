/**
 * Images found in an imported file (a DOCX picture, a Markdown data: URL) become figures of the new
 * document: each is kept here, addressed by its SHA-256 under the new document's id, and the import
 * route stores them as the document's files. Only PNG, JPEG, GIF and WebP are taken (a small table
 * of magic numbers; the route sniffs again before storing), never SVG, and nothing is ever fetched.
 */
import { createHash, randomUUID } from 'node:crypto';
import { limits } from '../../shared/limits.js';

/** An image of an imported file, to be stored as a file of the new document. */
export interface ImportedImage {
  id: string;
  contentType: string;
  bytes: Uint8Array;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** The image type of the bytes, from their first bytes; null for anything else. */
export function imageTypeOf(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** The images of one import and the figure sources they get. */
export class ImportImages {
  private readonly found = new Map<string, ImportedImage>();
  private total = 0;

  constructor(private readonly docId: string) {}

  /** The figure source for an image, or null when the bytes are not an image a figure may hold (or too many). */
  add(bytes: Uint8Array): string | null {
    const contentType = imageTypeOf(bytes);
    if (!contentType || bytes.byteLength > limits.maxFileBytes) return null;
    const id = createHash('sha256').update(bytes).digest('hex');
    if (!this.found.has(id)) {
      if (this.total + bytes.byteLength > limits.maxDocumentFileBytes) return null;
      this.total += bytes.byteLength;
      this.found.set(id, { id, contentType, bytes });
    }
    return `/api/documents/${this.docId}/files/${id}`;
  }

  /** A fresh figure id. */
  figureId(): string {
    return `fig-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  }

  list(): ImportedImage[] {
    return [...this.found.values()];
  }
}
