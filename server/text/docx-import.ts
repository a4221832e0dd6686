/**
 * DOCX import: mammoth turns the file into HTML, a few fix-ups turn what our own export encoded in
 * styles and bookmarks back into schema HTML (math, task items, word limits), and the schema's parse
 * rules build the document. Files from Word itself get headings, lists, tables, links and emphasis.
 */
import type { JSONContent } from '@tiptap/core';
import mammoth from 'mammoth';
import { CODE_LANGUAGE_BOOKMARK, DOCX_STYLE, WORD_LIMIT_BOOKMARK } from './docx-styles.js';
import { checkedDocxArchive } from './docx-zip.js';
import { ImportError, MAX_IMPORT_BYTES } from './errors.js';
import { isFigureSrc } from '../../shared/editor/figure-src.js';
import { applyTrackedChanges, markTrackedChanges, type ImportedSuggestion, type TrackedChange } from './docx-tracked.js';
import { markParagraphChanges, styleNames, type ParagraphChange } from './docx-block-marks.js';
import { readBlockChanges } from './docx-block-changes.js';
import { BLOCK_TOKEN, MARKERS } from './docx-markers.js';
import { commentRange, markCommentRanges, takeCommentPlaces } from './docx-comment-ranges.js';
import { readWordComments } from './docx-comments.js';
import type { ImportedComment } from './import-threads.js';
import { fromHtml } from './html.js';
import { normaliseJson } from './schema.js';
import type { ImportImages } from './import-images.js';

const INLINE_MATH_CLASS = 'confer-inline-math';
const BLOCK_MATH_CLASS = 'confer-block-math';
const CAPTION_CLASS = 'confer-caption';

/** Our styles back to HTML (mammoth's default map still handles headings, lists and the rest). */
const STYLE_MAP = [
  'u => u',
  `r[style-name='${DOCX_STYLE.inlineCode.name}'] => code`,
  `r[style-name='${DOCX_STYLE.inlineMath.name}'] => span.${INLINE_MATH_CLASS}`,
  `r[style-name='${DOCX_STYLE.hyperlink.name}'] => `,
  `p[style-name='${DOCX_STYLE.codeBlock.name}'] => pre:separator('\\n')`,
  `p[style-name='${DOCX_STYLE.mathBlock.name}'] => div.${BLOCK_MATH_CLASS}:fresh`,
  `p[style-name='${DOCX_STYLE.quote.name}'] => blockquote > p:fresh`,
  `p[style-name='${DOCX_STYLE.rule.name}'] => hr:fresh`,
  // Word's own caption style, and the one our export names by id.
  `p[style-name='caption'] => p.${CAPTION_CLASS}:fresh`,
  `p.Caption => p.${CAPTION_CLASS}:fresh`,
];

/**
 * Bookmarks arrive as `<a id>`: a word limit moves onto its heading, a code language onto its
 * code block (as the `<code class="language-…">` the schema reads), and every bookmark goes.
 */
function restoreBookmarks(body: HTMLElement, document: Document): void {
  for (const anchor of Array.from(body.querySelectorAll('a[id]:not([href])'))) {
    const id = anchor.getAttribute('id') ?? '';
    const limit = WORD_LIMIT_BOOKMARK.exec(id)?.[1];
    const heading = anchor.closest('h1, h2, h3, h4, h5, h6');
    if (limit && heading) heading.setAttribute('data-word-limit', limit);
    const language = CODE_LANGUAGE_BOOKMARK.exec(id)?.[1];
    const pre = anchor.closest('pre');
    anchor.replaceWith(...Array.from(anchor.childNodes));
    if (language && pre) {
      const code = document.createElement('code');
      code.className = `language-${language}`;
      code.textContent = pre.textContent;
      pre.replaceChildren(code);
    }
  }
}

/** `$a$ and $b$` in an Inline Math run → one inline-math node per formula. */
function restoreInlineMath(body: HTMLElement, document: Document): void {
  for (const span of Array.from(body.querySelectorAll(`span.${INLINE_MATH_CLASS}`))) {
    const text = span.textContent ?? '';
    const parts: Node[] = [];
    let last = 0;
    for (const match of text.matchAll(/\$([^$]+)\$/g)) {
      if (match.index > last) parts.push(document.createTextNode(text.slice(last, match.index)));
      const math = document.createElement('span');
      math.setAttribute('data-type', 'inline-math');
      math.setAttribute('data-latex', match[1] ?? '');
      parts.push(math);
      last = match.index + match[0].length;
    }
    if (last < text.length) parts.push(document.createTextNode(text.slice(last)));
    span.replaceWith(...parts);
  }
}

/**
 * A Math Block paragraph `$$…$$` → a block-math node. A paragraph change's marker (docx-block-marks.ts)
 * is kept ahead of the LaTeX, where docx-block-changes.ts finds it.
 */
function restoreBlockMath(body: HTMLElement): void {
  for (const div of Array.from(body.querySelectorAll(`div.${BLOCK_MATH_CLASS}`))) {
    const text = div.textContent ?? '';
    const markers = text.match(BLOCK_TOKEN)?.join('') ?? '';
    const latex = text.replace(BLOCK_TOKEN, '').trim().replace(/^\$\$([\s\S]*)\$\$$/, '$1');
    div.removeAttribute('class');
    div.setAttribute('data-type', 'block-math');
    div.setAttribute('data-latex', markers + latex);
    div.textContent = '';
  }
}

/** Lists whose items all start with a checkbox become task lists; stray checkboxes are dropped. */
function restoreTaskLists(body: HTMLElement): void {
  for (const list of Array.from(body.querySelectorAll('ul, ol'))) {
    const items = Array.from(list.children).filter((el) => el.tagName === 'LI');
    const boxes = items.map((li) => li.querySelector(':scope > input[type="checkbox"]'));
    if (items.length === 0 || boxes.some((box) => box === null)) continue;
    list.setAttribute('data-type', 'taskList');
    items.forEach((li, i) => {
      li.setAttribute('data-type', 'taskItem');
      li.setAttribute('data-checked', String(boxes[i]?.hasAttribute('checked') ?? false));
    });
  }
  for (const box of Array.from(body.querySelectorAll('input'))) box.remove();
}

/**
 * Each picture (an <img> with a stored-file source) becomes a figure after the block it sat in; a
 * caption paragraph right after that block becomes its caption, without the "Figure N:" label our
 * export writes (the number is the figure's place, not text). Other images are dropped.
 */
function restoreFigures(body: HTMLElement, document: Document, images: ImportImages): void {
  for (const img of Array.from(body.querySelectorAll('img'))) {
    const src = img.getAttribute('src');
    if (!isFigureSrc(src)) {
      img.remove();
      continue;
    }
    const block = img.closest('p, h1, h2, h3, h4, h5, h6') ?? img;
    const figure = document.createElement('figure');
    figure.setAttribute('data-figure-id', images.figureId());
    const picture = document.createElement('img');
    picture.setAttribute('src', src);
    picture.setAttribute('alt', img.getAttribute('alt') ?? '');
    const caption = document.createElement('figcaption');
    const next = block.nextElementSibling;
    if (next?.classList.contains(CAPTION_CLASS)) {
      caption.append(...Array.from(next.childNodes));
      next.remove();
      const first = caption.firstChild;
      if (first?.nodeType === 3) first.textContent = (first.textContent ?? '').replace(/^\s*Figure\s+[0-9?]+\s*:?\s*/, '');
      const label = caption.firstElementChild;
      if (label && /^\s*Figure\s+[0-9?]+\s*:?\s*$/.test(label.textContent ?? '')) label.remove();
    }
    figure.append(picture, caption);
    block.after(figure);
    img.remove();
    if (block !== img && !(block.textContent ?? '').replace(MARKERS, '').trim() && !block.querySelector('img')) block.remove();
  }
  // Captions without a picture before them stay paragraphs.
  for (const stray of Array.from(body.querySelectorAll(`p.${CAPTION_CLASS}`))) stray.removeAttribute('class');
}

/**
 * A .docx file as canonical JSON. Throws ImportError for oversized or unreadable files; the zip is
 * checked against the caps (docx-zip.ts) before mammoth reads any of it. Tracked changes are accepted.
 */
export async function fromDocx(bytes: Uint8Array, images?: ImportImages): Promise<JSONContent> {
  return (await readDocx(bytes, images, null)).json;
}

const utf8 = (part: Uint8Array) => Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8');

/** What a .docx holds beyond its text: its tracked changes as suggestions, and its Word comments placed in the text. */
export interface DocxReviewState {
  json: JSONContent;
  suggestions: ImportedSuggestion[];
  /** Word comments in file order, each with its range in `json` (null when its text is gone). */
  comments: ImportedComment[];
}

/**
 * A .docx file as JSON whose tracked changes are suggestions of `importerId` (with what the file
 * said of each: author and date), or accepted when `importerId` is null; and its Word comments.
 * Inserted, deleted and restyled paragraphs are block suggestions (docx-block-changes.ts).
 */
export async function readDocx(bytes: Uint8Array, images: ImportImages | undefined, importerId: string | null): Promise<DocxReviewState> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportError('too-large', `The file is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`);
  let changes: TrackedChange[] = [];
  let paragraphChanges: ParagraphChange[] = [];
  let commentsXml: string | null = null;
  let extendedXml: string | null = null;
  let stylesXml: string | null = null;
  const archive = await checkedDocxArchive(bytes, (name, part) => {
    if (name === 'word/comments.xml') commentsXml = utf8(part);
    if (name === 'word/commentsExtended.xml') extendedXml = utf8(part);
    if (name === 'word/styles.xml') stylesXml = utf8(part);
    if (name !== 'word/document.xml') return part;
    const paragraphs = markParagraphChanges(utf8(part));
    paragraphChanges = paragraphs.changes;
    const marked = markTrackedChanges(markCommentRanges(paragraphs.xml));
    changes = marked.changes;
    return new Uint8Array(Buffer.from(marked.xml, 'utf8'));
  });
  // Read (and counted against the cap) before the text is converted.
  const wordComments = readWordComments(commentsXml, extendedXml);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Horizontal rules are empty paragraphs; keeping empties keeps them (and the author's spacing).
        ignoreEmptyParagraphs: false,
        // Pictures become figures when `images` collects them; anything else (a linked, remote picture) is never read.
        convertImage: mammoth.images.imgElement(async (image) => {
          if (!images) return { src: '' };
          const src = images.add(new Uint8Array(await image.read()));
          return { src: src ?? '' };
        }),
      },
    );
    html = result.value;
  } catch (cause) {
    throw new ImportError('unreadable', 'The file is not a readable .docx document.', { cause });
  }
  const json = fromHtml(html, (body, document) => {
    restoreBookmarks(body, document);
    restoreInlineMath(body, document);
    restoreBlockMath(body);
    restoreTaskLists(body);
    if (images) restoreFigures(body, document, images);
  });
  const blocks = readBlockChanges(json, { paragraphs: paragraphChanges, text: changes, styles: styleNames(stylesXml), importerId });
  const tracked = applyTrackedChanges(blocks.json, changes, importerId, blocks.folded);
  const placed = takeCommentPlaces(normaliseJson(tracked.json));
  const comments = wordComments.map((comment) => ({ ...comment, range: commentRange(placed.places.get(comment.id)) }));
  return { json: normaliseJson(placed.json), suggestions: [...tracked.suggestions, ...blocks.suggestions], comments };
}
