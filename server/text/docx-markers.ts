/**
 * The private-use marker characters the .docx importer writes into word/document.xml before mammoth
 * reads it (docx-tracked.ts for tracked text, docx-block-changes.ts for whole paragraphs). They ride
 * through mammoth and the HTML parse as plain characters and are read back, then removed, afterwards.
 */

/** Opens a tracked text change: OPEN, the change's index in digit markers, SEP; CLOSE ends it. */
export const OPEN = '\uE000';
export const SEP = '\uE001';
export const CLOSE = '\uE002';
/** Opens a paragraph's block change: BLOCK, its index in digit markers, SEP (nothing closes it). */
export const BLOCK = '\uE003';
const DIGIT0 = 0xe010;

/** Every marker character (and any the file itself held, which would otherwise confuse the reading). */
export const MARKERS = /[\uE000-\uE01F]/g;
/** A text change's opening marker (group 1: its index) or its closing one. */
export const MARKER_TOKEN = /\uE000([\uE010-\uE019]+)\uE001|\uE002/g;
/** A block change's marker (group 1: its index). */
export const BLOCK_TOKEN = /\uE003([\uE010-\uE019]{1,7})\uE001/g;

export function encodeIndex(index: number): string {
  return [...String(index)].map((d) => String.fromCharCode(DIGIT0 + Number(d))).join('');
}

export function decodeIndex(code: string): number {
  return Number([...code].map((c) => String(c.charCodeAt(0) - DIGIT0)).join(''));
}
