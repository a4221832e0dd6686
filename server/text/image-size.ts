/**
 * Pixel size of a PNG, GIF, JPEG or WebP image, read from its header (Word needs a size for every
 * picture). Null when the header cannot be read; the caller then picks a size.
 */

function u16be(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function u16le(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u24le(b: Uint8Array, at: number): number {
  return u16le(b, at) | ((b[at + 2] ?? 0) << 16);
}

/** JPEG: the first start-of-frame marker's height and width. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    const length = u16be(b, at + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) header. */
function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

export function imageSize(bytes: Uint8Array, contentType: string): { width: number; height: number } | null {
  const size =
    contentType === 'image/png'
      ? { width: u16be(bytes, 18) | (u16be(bytes, 16) << 16), height: u16be(bytes, 22) | (u16be(bytes, 20) << 16) }
      : contentType === 'image/gif'
        ? { width: u16le(bytes, 6), height: u16le(bytes, 8) }
        : contentType === 'image/jpeg'
          ? jpegSize(bytes)
          : contentType === 'image/webp'
            ? webpSize(bytes)
            : null;
  return size && size.width > 0 && size.height > 0 ? size : null;
}
