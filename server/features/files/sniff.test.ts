import { describe, expect, it } from 'vitest';
import { gifBytes, pngBytes, svgBytes } from '../../../test/fixtures/images.js';
import { looksLikeSvg, sniffImageType } from './sniff.js';

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
const webp = new Uint8Array([...new TextEncoder().encode('RIFF'), 0x24, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 '), 0x18, 0, 0, 0, 0x30, 0x01, 0, 0x9d, 0x01, 0x2a, 1, 0, 1, 0]);

describe('sniffing images', () => {
  it('finds PNG, JPEG, GIF and WebP from their bytes', async () => {
    expect(await sniffImageType(pngBytes())).toBe('image/png');
    expect(await sniffImageType(jpeg)).toBe('image/jpeg');
    expect(await sniffImageType(gifBytes())).toBe('image/gif');
    expect(await sniffImageType(webp)).toBe('image/webp');
  });

  it('refuses SVG, with or without an XML declaration, a BOM or leading space', async () => {
    const svg = (text: string) => new TextEncoder().encode(text);
    for (const bytes of [svgBytes, svg('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"/>'), svg('<!DOCTYPE svg><svg/>'), svg('<!-- drawn --><svg/>')]) {
      expect(looksLikeSvg(bytes)).toBe(true);
      await expect(sniffImageType(bytes)).rejects.toMatchObject({ status: 415, code: 'svg_refused' });
    }
  });

  it('refuses other files, whatever they claim to be', async () => {
    await expect(sniffImageType(new TextEncoder().encode('%PDF-1.7\n'))).rejects.toMatchObject({ status: 415, code: 'unsupported_file_type' });
    await expect(sniffImageType(new TextEncoder().encode('<html><img src=x onerror=alert(1)></html>'))).rejects.toMatchObject({ code: 'unsupported_file_type' });
  });
});
