/**
 * Whole-paragraph tracked changes in word/document.xml, as our export writes them
 * (docx-review.ts) and Word and LibreOffice keep them: an inserted or deleted paragraph mark
 * (`w:ins` / `w:del` in the paragraph mark's run properties, `w:pPr/w:rPr`), and a change of the
 * paragraph's properties (`w:pPrChange`, holding the properties it had, its style among them). mammoth
 * ignores the property change and, for a deleted mark, joins the paragraph to the next one; so the
 * paragraph-mark changes are taken out, and each paragraph that had one of the three gets a marker run
 * at its start naming the change (docx-markers.ts), which docx-block-changes.ts reads back from the
 * converted document. This runs first, on the part as the file has it: the markers are written as
 * character references, which outlive the removal of marker characters the file held (docx-tracked.ts).
 *
 * One pass of one regular expression over the part, with an explicit stack for paragraphs inside
 * paragraphs (a text box's): linear in the part's size whatever the nesting or the size of a change.
 */
import { BLOCK, encodeIndex, SEP } from './docx-markers.js';
import { unescapeXml, xmlAttr } from './docx-xml.js';
import { ImportError } from './errors.js';

/** Who changed a paragraph, and when, as the file says. */
export interface ParagraphRevision {
  author: string;
  /** ISO date as written in the file, or null. */
  date: string | null;
}

/** What the file says happened to one paragraph. */
export interface ParagraphChange {
  /** Its paragraph mark inserted or deleted. */
  mark: (ParagraphRevision & { kind: 'insertion' | 'deletion' }) | null;
  /** Its properties changed: the style id it had (null: none, the default paragraph style). */
  former: (ParagraphRevision & { style: string | null }) | null;
}

/** Where the walk is inside one paragraph. */
interface Frame {
  change: ParagraphChange;
  /** Inside the paragraph's own properties (not the former ones inside a `w:pPrChange`). */
  inProperties: boolean;
  /** Depth of `w:pPrChange` (its former properties) within them. */
  inFormer: number;
  /** Depth of run properties within the paragraph's own properties: the paragraph mark's. */
  inMark: number;
  /** A paragraph-mark `w:ins` / `w:del` written open, whose closing tag goes with it. */
  dropClose: number;
}

const TOKEN = /<w:p(?=[\s>/])[^>]*>|<\/w:p>|<w:pPr\b[^>]*>|<\/w:pPr>|<w:pPrChange\b[^>]*>|<\/w:pPrChange>|<w:rPr\b[^>]*>|<\/w:rPr>|<w:(ins|del)\b[^>]*>|<\/w:(?:ins|del)>|<w:pStyle\b[^>]*>/g;

/** A paragraph whose properties never close (mammoth would silently read such a part as empty). */
const malformed = () => new ImportError('unreadable', 'The file is not a readable .docx document: a paragraph\'s properties or tracked change are not closed.');

const PARAGRAPH = /^<w:p[\s>/]/;
const selfClosing = (tag: string) => tag.endsWith('/>');

function revisionOf(tag: string): ParagraphRevision {
  return { author: unescapeXml(xmlAttr(tag, 'author') ?? ''), date: xmlAttr(tag, 'date') };
}

/** A run holding only the marker of change `index`, as character references. */
function markerRun(index: number): string {
  const marker = [...`${BLOCK}${encodeIndex(index)}${SEP}`].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join('');
  return `<w:r><w:t>${marker}</w:t></w:r>`;
}

/**
 * `xml` with a marker run at the start of each paragraph that has a paragraph-mark or property
 * change (right after its properties), and those changes by marker index. Throws ImportError
 * ('unreadable') when a paragraph ends inside its properties or a paragraph is never closed.
 */
export function markParagraphChanges(xml: string): { xml: string; changes: ParagraphChange[] } {
  if (!xml.includes('<w:pPrChange') && !/<w:(?:ins|del)\b/.test(xml)) return { xml, changes: [] };
  const changes: ParagraphChange[] = [];
  const stack: Frame[] = [];
  const out = xml.replace(TOKEN, (tag: string, revision: string | undefined) => {
    const frame = stack[stack.length - 1];
    if (PARAGRAPH.test(tag)) {
      if (!selfClosing(tag)) stack.push({ change: { mark: null, former: null }, inProperties: false, inFormer: 0, inMark: 0, dropClose: 0 });
      return tag;
    }
    if (tag === '</w:p>') {
      const closed = stack.pop();
      if (closed && (closed.inProperties || closed.inFormer > 0)) throw malformed();
      return tag;
    }
    if (!frame) return tag;
    if (tag.startsWith('<w:pPrChange')) {
      if (frame.inProperties && frame.inMark === 0) {
        frame.change.former ??= { ...revisionOf(tag), style: null };
        if (!selfClosing(tag)) frame.inFormer++;
      }
      return tag;
    }
    if (tag === '</w:pPrChange>') {
      frame.inFormer = Math.max(0, frame.inFormer - 1);
      return tag;
    }
    if (tag.startsWith('<w:pPr')) {
      if (frame.inFormer === 0 && !selfClosing(tag)) frame.inProperties = true;
      return tag;
    }
    if (tag === '</w:pPr>') {
      if (frame.inFormer > 0 || !frame.inProperties) return tag;
      frame.inProperties = false;
      frame.inMark = 0;
      const { mark, former } = frame.change;
      if (!mark && !former) return tag;
      changes.push(frame.change);
      return `${tag}${markerRun(changes.length - 1)}`;
    }
    if (!frame.inProperties) return tag;
    if (tag.startsWith('<w:rPr')) {
      if (frame.inFormer === 0 && !selfClosing(tag)) frame.inMark++;
    } else if (tag === '</w:rPr>') {
      frame.inMark = Math.max(0, frame.inMark - 1);
    } else if (revision) {
      // Only the paragraph mark's own run properties say the mark was inserted or deleted.
      if (frame.inMark !== 1 || frame.inFormer > 0) return tag;
      frame.change.mark ??= { kind: revision === 'ins' ? 'insertion' : 'deletion', ...revisionOf(tag) };
      if (!selfClosing(tag)) frame.dropClose++;
      return '';
    } else if (tag.startsWith('</')) {
      if (frame.dropClose === 0) return tag;
      frame.dropClose--;
      return '';
    } else if (frame.inFormer > 0 && frame.change.former) {
      frame.change.former.style ??= unescapeXml(xmlAttr(tag, 'val') ?? '') || null;
    }
    return tag;
  });
  if (stack.length > 0) throw malformed();
  return { xml: out, changes };
}

/** Paragraph style names by style id, from word/styles.xml (mammoth maps styles by name). */
export function styleNames(stylesXml: string | null): Map<string, string> {
  const names = new Map<string, string>();
  let id: string | null = null;
  // A style's name is the first `w:name` after its opening tag.
  for (const [tag] of (stylesXml ?? '').matchAll(/<w:style\b[^>]*>|<w:name\b[^>]*>/g)) {
    if (tag.startsWith('<w:style')) id = xmlAttr(tag, 'styleId');
    else if (id !== null) {
      names.set(id, unescapeXml(xmlAttr(tag, 'val') ?? ''));
      id = null;
    }
  }
  return names;
}
