/**
 * The zip check a .docx passes before anything parses it. yauzl reads the central directory: the
 * entry count and each part's declared size are checked first, and while a part inflates its
 * bytes are counted and inflation stops at the cap, so a lying header cannot get past it either. Only the XML parts and the
 * pictures under word/media (which become figures; counted against the same caps) are kept,
 * and they are handed on as a new, uncompressed archive: the parser then reads exactly the bytes
 * that were counted, whatever two zip readers might make of an ambiguous archive.
 */
import type { Readable } from 'node:stream';
import { zipSync, type Zippable } from 'fflate';
import yauzl from 'yauzl';
import { ImportError } from './errors.js';
import { conversionLimits } from './limits.js';

/** The parts of a package that hold markup: the document, styles, numbering, relationships. */
const XML_PART = /\.(xml|rels)$/i;

/** Pictures a figure may hold (their bytes are sniffed again before they are stored). */
const MEDIA_PART = /^word\/media\/[^/]+\.(png|jpe?g|gif|webp)$/i;

/** Elements that each become at least one node: paragraphs and table cells, in any namespace prefix. */
const NODE_ELEMENT = /<(?:[\w.-]+:)?(?:p|tc)[\s/>]/g;

const MiB = 1024 * 1024;

function tooLarge(detail: string): ImportError {
  return new ImportError('too-large', `The .docx file is too large to import: ${detail}.`);
}

/** Reads a part, refusing it once it yields more than `limit` bytes. */
async function readPart(stream: Readable, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > limit) {
      stream.destroy();
      throw tooLarge(`its parts inflate to more than the limits (${conversionLimits.maxZipPartBytes / MiB} MB a part, ${conversionLimits.maxZipTotalBytes / MiB} MB in all)`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Paragraphs and table cells in the markup: each makes at least one node. */
function countNodeElements(xml: Uint8Array): number {
  return Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1').match(NODE_ELEMENT)?.length ?? 0;
}

/**
 * The XML parts of `bytes` as a stored (uncompressed) zip, after the size checks above; `rewrite`
 * may change a part on its way into it (the tracked changes of word/document.xml).
 * Throws ImportError: 'too-large' over a cap, 'unreadable' when it is not a zip.
 */
export async function checkedDocxArchive(bytes: Uint8Array, rewrite?: (name: string, part: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  const limits = conversionLimits;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: false });
  } catch (cause) {
    throw new ImportError('unreadable', 'The file is not a readable .docx document.', { cause });
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) throw tooLarge(`it has more than ${limits.maxZipEntries} parts`);
    // The central directory first: declared sizes refuse an honest oversized archive before any inflation.
    const entries: yauzl.Entry[] = [];
    let declaredTotal = 0;
    for await (const entry of zip.eachEntry()) {
      if (!XML_PART.test(entry.fileName) && !MEDIA_PART.test(entry.fileName)) continue;
      if (entries.some((seen) => seen.fileName === entry.fileName)) throw new ImportError('unreadable', 'The .docx file names one part twice.');
      if (entry.uncompressedSize > limits.maxZipPartBytes) throw tooLarge(`a part holds more than ${limits.maxZipPartBytes / MiB} MB`);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxZipTotalBytes) throw tooLarge(`its parts hold more than ${limits.maxZipTotalBytes / MiB} MB`);
      entries.push(entry);
    }
    // Then the bytes themselves, counted as they inflate, since a declared size can lie.
    const parts: Zippable = {};
    let total = 0;
    let nodeElements = 0;
    for (const entry of entries) {
      const limit = Math.min(limits.maxZipPartBytes, limits.maxZipTotalBytes - total);
      const part = await readPart(await zip.openReadStreamPromise(entry), limit);
      total += part.byteLength;
      if (XML_PART.test(entry.fileName)) nodeElements += countNodeElements(part);
      if (nodeElements > limits.maxDocxBlocks) throw tooLarge(`it has more than ${limits.maxDocxBlocks} paragraphs and table cells`);
      // Rewritten only after its bytes were counted: the caps judge the file as it was sent.
      parts[entry.fileName] = rewrite ? rewrite(entry.fileName, part) : part;
    }
    return zipSync(parts, { level: 0 });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('unreadable', 'The file is not a readable .docx document.', { cause: error });
  } finally {
    zip.close();
  }
}
