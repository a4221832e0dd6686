/**
 * Word's format changes (`w:rPrChange`: a run in its new formatting, holding the formatting it had)
 * on import. The editor's form of a formatting suggestion is the old text marked deleted right before
 * the new text marked inserted, under one id (docx-formatting.ts), so each such run becomes that
 * pair: a `w:del` of the run in its old formatting and a `w:ins` of it in its new one, tagged so
 * docx-tracked.ts gives both halves one suggestion. mammoth ignores `w:rPrChange` and would simply
 * accept it; this runs before mammoth reads the part.
 */

/** The attribute tagging the two halves; docx-tracked.ts reads it. */
export const FORMAT_CHANGE_ATTR = 'w:conferFormat';

/** A run that holds no other run (a text box's runs nest inside a drawing's run). */
const RUN = /<w:r(\s[^>]*)?>((?:(?!<w:r[\s>]|<\/w:r>)[\s\S])*)<\/w:r>/;
const TOKEN = new RegExp(`<w:(?:ins|del)\\b[^>]*\\/>|<(\\/?)w:(?:ins|del)\\b[^>]*>|${RUN.source}`, 'g');
const PROPERTIES = /^(\s*)<w:rPr>([\s\S]*?)<w:rPrChange\b([^>]*?)(?:\/>|>([\s\S]*?)<\/w:rPrChange>)([\s\S]*?)<\/w:rPr>([\s\S]*)$/;
/** Run content that may be written twice: text, tabs and breaks (never a picture, field or comment). */
const PLAIN_CONTENT = /^(?:\s|<w:t\b[^>]*>[^<]*<\/w:t>|<w:t\b[^>]*\/>|<w:(?:tab|br|cr|noBreakHyphen|softHyphen)\b[^>]*\/>)*$/;

/**
 * `xml` (word/document.xml) with every run's format change outside other tracked changes written
 * as a tagged deletion and insertion. Inside a `w:ins` or `w:del`, and on runs holding more than text,
 * the format change is accepted (the run keeps its new formatting).
 */
export function expandFormatChanges(xml: string): string {
  if (!xml.includes('<w:rPrChange')) return xml;
  let tracked = 0;
  return xml.replace(TOKEN, (whole, closing: string | undefined, runAttrs: string | undefined, runBody: string | undefined) => {
    if (runBody === undefined) {
      if (!whole.endsWith('/>')) tracked = Math.max(0, tracked + (closing ? -1 : 1));
      return whole;
    }
    const parts = PROPERTIES.exec(runBody);
    if (!parts) return whole;
    const [, lead = '', before = '', changeAttrs = '', changeBody = '', after = '', content = ''] = parts;
    const newProperties = `<w:rPr>${before}${after}</w:rPr>`;
    const open = `<w:r${runAttrs ?? ''}>`;
    if (tracked > 0 || !PLAIN_CONTENT.test(content)) return `${open}${lead}${newProperties}${content}</w:r>`;
    const oldProperties = /<w:rPr>([\s\S]*)<\/w:rPr>/.exec(changeBody)?.[1] ?? '';
    const attrs = changeAttrs.replace(/\s*\/$/, '');
    return (
      `<w:del${attrs} ${FORMAT_CHANGE_ATTR}="old">${open}<w:rPr>${oldProperties}</w:rPr>${content}</w:r></w:del>` +
      `<w:ins${attrs} ${FORMAT_CHANGE_ATTR}="new">${open}${newProperties}${content}</w:r></w:ins>`
    );
  });
}
