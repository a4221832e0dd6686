/**
 * The content type of an uploaded file, from its bytes (file-type's magic numbers), never from its name
 * or the upload's header: a browser that is told `nosniff` trusts the type we serve, so it must be true.
 * Only raster images a browser can show are accepted. SVG is refused: it is a document that can carry
 * scripts and remote references, and sanitising it well is a project of its own.
 */
import { ApiError } from '../../http/errors.js';

/** The image types a figure may hold. */
export const FIGURE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type FigureType = (typeof FIGURE_TYPES)[number];

function isFigureType(mime: string): mime is FigureType {
  return (FIGURE_TYPES as readonly string[]).includes(mime);
}

/** True when the bytes start like an XML or SVG document (after a BOM and white space). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!doctype svg') || (head.startsWith('<!--') && head.includes('<svg'));
}

/** The sniffed type of an image, or a 415 that says what is wrong (`svg_refused`, `unsupported_file_type`). */
export async function sniffImageType(bytes: Uint8Array): Promise<FigureType> {
  if (looksLikeSvg(bytes)) throw new ApiError(415, 'svg_refused', 'SVG images are not accepted; export the drawing as PNG');
  // Loaded on the first upload: file-type and its tokenizers are about 30 modules an idle server does not need.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(bytes);
  if (found && isFigureType(found.mime)) return found.mime;
  throw new ApiError(415, 'unsupported_file_type', 'only PNG, JPEG, GIF and WebP images can be added as figures');
}
