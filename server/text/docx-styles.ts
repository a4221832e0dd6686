/**
 * Word styles and list numbering used by the DOCX export. The style names are the contract with
 * the importer (docx-import.ts maps them back through mammoth's style map), so they live here once.
 */
import { AlignmentType, BorderStyle, LevelFormat, type ILevelsOptions, type IStylesOptions } from 'docx';

/** Paragraph and character style ids (Word shows the names). */
export const DOCX_STYLE = {
  codeBlock: { id: 'ConferCodeBlock', name: 'Code Block' },
  quote: { id: 'ConferQuote', name: 'Block Quote' },
  mathBlock: { id: 'ConferMathBlock', name: 'Math Block' },
  rule: { id: 'ConferRule', name: 'Horizontal Rule' },
  inlineCode: { id: 'ConferInlineCode', name: 'Inline Code' },
  inlineMath: { id: 'ConferInlineMath', name: 'Inline Math' },
  hyperlink: { id: 'ConferHyperlink', name: 'Confer Hyperlink' },
} as const;

/** Hidden bookmark (leading underscore) that carries a heading's word limit through Word. */
export const WORD_LIMIT_BOOKMARK = /^_WordLimit_(\d+)_\d+$/;

/** Bookmark name for the `index`-th limited heading (Word wants unique names). */
export function wordLimitBookmark(limit: number, index: number): string {
  return `_WordLimit_${limit}_${index}`;
}

/** Hidden bookmark that carries a code block's language (bookmark names allow letters, digits, _). */
export const CODE_LANGUAGE_BOOKMARK = /^_CodeLanguage_([A-Za-z0-9]{1,24})_\d+$/;

/** Bookmark name for a code block's language, or null when the name cannot hold it. */
export function codeLanguageBookmark(language: unknown, index: number): string | null {
  return typeof language === 'string' && /^[A-Za-z0-9]{1,24}$/.test(language) ? `_CodeLanguage_${language}_${index}` : null;
}

const MONO = 'Consolas';

/** Styles the export defines. */
export const docxStyles: IStylesOptions = {
  paragraphStyles: [
    { ...DOCX_STYLE.codeBlock, basedOn: 'Normal', run: { font: MONO, size: 20 }, paragraph: { spacing: { before: 0, after: 0 } } },
    { ...DOCX_STYLE.quote, basedOn: 'Normal', run: { italics: true, color: '555555' }, paragraph: { indent: { left: 720 } } },
    { ...DOCX_STYLE.mathBlock, basedOn: 'Normal', run: { font: 'Cambria Math' }, paragraph: { alignment: AlignmentType.CENTER } },
    {
      ...DOCX_STYLE.rule,
      basedOn: 'Normal',
      paragraph: { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'AAAAAA', space: 1 } } },
    },
  ],
  characterStyles: [
    { ...DOCX_STYLE.inlineCode, run: { font: MONO } },
    { ...DOCX_STYLE.inlineMath, run: { font: 'Cambria Math' } },
    { ...DOCX_STYLE.hyperlink, run: { color: '0563C1', underline: {} } },
  ],
};

const INDENT = 360;

/** Nine list levels of one kind; Word lists nest at most nine deep. */
function levels(format: (level: number) => { format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string }, start = 1): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    ...format(level),
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: INDENT } } },
  }));
}

const BULLETS = ['\u2022', '\u25E6', '\u25AA'];
const ORDERED = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;

/** Bullet list levels. */
export const bulletLevels = levels((l) => ({ format: LevelFormat.BULLET, text: BULLETS[l % 3] ?? '\u2022' }));

/** Task list levels: a list (so nesting survives) whose marker is the checkbox itself. */
export const taskLevels = levels(() => ({ format: LevelFormat.BULLET, text: '\u00A0' }));

/** Ordered list levels starting at `start`. */
export function orderedLevels(start: number): ILevelsOptions[] {
  return levels((l) => ({ format: ORDERED[l % 3] ?? LevelFormat.DECIMAL, text: `%${l + 1}.` }), start);
}
