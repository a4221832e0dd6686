/** Paper sizes of the PDF export, and the page box each one prints on. */
export const PAPER_SIZES = ['a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Chromium's names for the sizes (`page.pdf({ format })`). */
export const CHROMIUM_FORMAT: Record<PaperSize, 'A4' | 'Letter'> = { a4: 'A4', letter: 'Letter' };
