/**
 * DOCX export with the `docx` package. Everything Word has a native form for uses it (headings,
 * bold/italic/underline/strike, hyperlinks, bullet and numbered lists, tables with a header row,
 * checkbox content controls for task items). The rest is carried in named styles the importer maps
 * back: code, math (its LaTeX between $ or $$, in a math font), quotes and rules; word limits ride
 * on hidden bookmarks.
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import {
  AlignmentType, Bookmark, CheckBox, Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell,
  TableRow, TextRun, WidthType, type INumberingOptions, type IParagraphOptions, type ParagraphChild,
} from 'docx';
import { bulletLevels, codeLanguageBookmark, DOCX_STYLE, docxStyles, orderedLevels, taskLevels, wordLimitBookmark } from './docx-styles.js';
import { normaliseWordLimit } from '../../shared/editor/heading.js';
import { fileIdOfSrc, figureLabel, figureNumbersOf, type ExportImages } from './figures.js';
import { imageSize } from './image-size.js';
import { toDocumentNode } from './schema.js';
import { DocxReview } from './docx-review.js';
import type { BlockSuggestion } from '../../shared/editor/suggestion-ids.js';
import { runFormatting } from './docx-formatting.js';
import type { ExportThread } from './docx-threads.js';

type Block = Paragraph | Table;
type NumberingConfig = INumberingOptions['config'][number];

/** What the walk accumulates: list numbering definitions and counters for unique names. */
interface Context {
  numbering: NumberingConfig[];
  bookmarks: number;
  /** Figures' images by file id, and their numbers by figure id. */
  images: ExportImages;
  figures: ReadonlyMap<string, number>;
  /** Each node's position in the document, for comment anchors (ProseMirror positions). */
  positions: ReadonlyMap<Node, number>;
  review: DocxReview;
}

/** Where a paragraph sits: a list item (reference + level), inside a quote, or a task item. */
interface Placement {
  numbering?: { reference: string; level: number };
  quote?: boolean;
  checked?: boolean;
}

const HEADINGS = [
  HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6,
] as const;

/** Word's paragraph properties of a block type, for the former properties of a suggested type change. */
function formerProperties(from: { type: string; attrs: Record<string, unknown> }): Record<string, unknown> {
  if (from.type === 'heading') return { heading: HEADINGS[Number(from.attrs.level) - 1] ?? HeadingLevel.HEADING_1 };
  if (from.type === 'codeBlock') return { style: DOCX_STYLE.codeBlock.id };
  return {};
}

/** Paragraph properties saying textblock `block`'s block suggestion (see DocxReview.paragraphChange). */
function paragraphChange(block: Node, ctx: Context): IParagraphOptions {
  return ctx.review.paragraphChange(block, formerProperties) as IParagraphOptions;
}

/** The runs of a textblock, with the comment range markers and tracked changes inside it. */
function inlineRuns(block: Node, ctx: Context): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  const blockSuggestion = ctx.review.blockSuggestionOf(block);
  const start = (ctx.positions.get(block) ?? -2) + 1;
  block.forEach((child, offset) => {
    const pos = start + offset;
    runs.push(...ctx.review.markersAt(pos));
    if (child.type.name === 'figureRef') {
      runs.push(new TextRun(figureLabel(ctx.figures, child.attrs.target)));
    } else if (child.type.name === 'hardBreak') {
      runs.push(new TextRun({ text: '', break: 1 }));
    } else if (child.type.name === 'inlineMath') {
      runs.push(new TextRun({ text: `$${String(child.attrs.latex)}$`, style: DOCX_STYLE.inlineMath.id }));
    } else if (child.isText) {
      const text = child.text ?? '';
      let last = 0;
      for (const cut of [...ctx.review.cutsWithin(pos, pos + text.length), pos + text.length]) {
        if (last > 0) runs.push(...ctx.review.markersAt(pos + last));
        const run = textRun(child, text.slice(last, cut - pos), pos + last, ctx, blockSuggestion);
        if (run) runs.push(run);
        last = cut - pos;
      }
    }
  });
  runs.push(...ctx.review.markersAt(start + block.content.size));
  return runs;
}

/** One piece of a text node, at `pos`, as a run (a tracked change when it carries a suggestion), inside its link if any. */
function textRun(child: Node, text: string, pos: number, ctx: Context, block: BlockSuggestion | null): ParagraphChild | null {
  const link = child.marks.find((m) => m.type.name === 'link');
  const run = ctx.review.run({ text, ...runFormatting(child.marks) }, child.marks, pos, block);
  // Link hrefs were checked by toDocumentNode (http, https, mailto only).
  return run && link ? new ExternalHyperlink({ link: String(link.attrs.href), children: [run] }) : run;
}

/** A paragraph with the given runs and placement. */
function paragraph(children: ParagraphChild[], placement: Placement, extra: IParagraphOptions = {}): Paragraph {
  const prefix: ParagraphChild[] =
    placement.checked === undefined ? [] : [new CheckBox({ checked: placement.checked }), new TextRun(' ')];
  return new Paragraph({
    ...extra,
    children: [...prefix, ...children],
    numbering: placement.numbering,
    style: extra.style ?? (placement.quote ? DOCX_STYLE.quote.id : undefined),
  });
}

/** A list: the first paragraph of each item carries the number; nested lists go one level deeper. */
function listBlocks(list: Node, ctx: Context, level: number, quote: boolean): Block[] {
  let reference = list.type.name === 'taskList' ? 'confer-task' : 'confer-bullet';
  if (list.type.name === 'orderedList') {
    // One definition per ordered list, so each restarts at its own `start`.
    reference = `confer-ordered-${ctx.numbering.length}`;
    ctx.numbering.push({ reference, levels: orderedLevels(Number(list.attrs.start) || 1) });
  }
  const out: Block[] = [];
  list.forEach((item) => {
    let first = true;
    item.forEach((child) => {
      if (first && child.isTextblock) {
        const checked = item.type.name === 'taskItem' ? Boolean(item.attrs.checked) : undefined;
        out.push(paragraph(inlineRuns(child, ctx), { numbering: { reference, level }, quote, checked }, paragraphChange(child, ctx)));
      } else {
        out.push(...blocks(child, ctx, level + 1, quote));
      }
      first = false;
    });
  });
  return out;
}

/** A table; the first row repeats as a header when it is made of header cells. */
function tableBlock(table: Node, ctx: Context): Table {
  const rows: TableRow[] = [];
  table.forEach((row, _offset, index) => {
    const cells: TableCell[] = [];
    let header = true;
    row.forEach((cell) => {
      header &&= cell.type.name === 'tableHeader';
      const content: Block[] = [];
      cell.forEach((child) => content.push(...blocks(child, ctx, 0, false)));
      cells.push(
        new TableCell({
          children: content.length > 0 ? content : [new Paragraph('')],
          columnSpan: Number(cell.attrs.colspan) || 1,
          rowSpan: Number(cell.attrs.rowspan) || 1,
        }),
      );
    });
    // Written only when true: mammoth reads any `w:tblHeader`, even `w:val="off"`, as a header row.
    rows.push(new TableRow({ children: cells, ...(index === 0 && header ? { tableHeader: true } : {}) }));
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

/** Word's picture types among the images a figure may hold (WebP has none: its caption stays). */
const DOCX_PICTURE_TYPES: Record<string, 'png' | 'jpg' | 'gif'> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };

/** Widest picture on the page, in pixels at 96 dpi (A4 or Letter less the margins). */
const MAX_PICTURE_WIDTH = 600;

/** A figure: its picture, centred, then a caption paragraph "Figure N: …" in Word's Caption style. */
function figureBlocks(node: Node, ctx: Context): Block[] {
  const out: Block[] = [];
  const id = fileIdOfSrc(node.attrs.src);
  const image = id ? ctx.images[id] : undefined;
  const type = image ? DOCX_PICTURE_TYPES[image.contentType] : undefined;
  if (image && type) {
    const size = imageSize(image.bytes, image.contentType) ?? { width: MAX_PICTURE_WIDTH, height: Math.round(MAX_PICTURE_WIDTH * 0.75) };
    const scale = Math.min(1, MAX_PICTURE_WIDTH / size.width);
    const label = figureLabel(ctx.figures, node.attrs.id);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [
          new ImageRun({
            type,
            data: image.bytes,
            transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
            altText: { name: label, title: label, description: String(node.attrs.alt || node.textContent || label) },
          }),
        ],
      }),
    );
  }
  const label = figureLabel(ctx.figures, node.attrs.id);
  const caption = node.textContent ? [new TextRun({ text: `${label}: `, bold: true }), ...inlineRuns(node, ctx)] : [new TextRun({ text: label, bold: true })];
  out.push(new Paragraph({ style: 'Caption', alignment: AlignmentType.CENTER, children: caption }));
  return out;
}

/** The Word blocks for one schema block. `level` is the list depth for nested content. */
function blocks(node: Node, ctx: Context, level: number, quote: boolean): Block[] {
  switch (node.type.name) {
    case 'paragraph':
      return [paragraph(inlineRuns(node, ctx), { quote }, paragraphChange(node, ctx))];
    case 'heading': {
      const runs = inlineRuns(node, ctx);
      const limit = normaliseWordLimit(node.attrs.wordLimit);
      const children = limit === null ? runs : [new Bookmark({ id: wordLimitBookmark(limit, ctx.bookmarks++), children: runs })];
      return [new Paragraph({ ...paragraphChange(node, ctx), heading: HEADINGS[Number(node.attrs.level) - 1] ?? HeadingLevel.HEADING_1, children })];
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return listBlocks(node, ctx, level, quote);
    case 'blockquote': {
      const out: Block[] = [];
      node.forEach((child) => out.push(...blocks(child, ctx, level, true)));
      return out;
    }
    case 'codeBlock': {
      // One paragraph per line: the importer joins consecutive code paragraphs with newlines.
      const bookmark = codeLanguageBookmark(node.attrs.language, ctx.bookmarks++);
      return node.textContent.split('\n').map((line, i) => {
        const run = new TextRun(line);
        const children = i === 0 && bookmark ? [new Bookmark({ id: bookmark, children: [run] })] : [run];
        return paragraph(children, {}, { style: DOCX_STYLE.codeBlock.id });
      });
    }
    case 'blockMath':
      return [paragraph([new TextRun(`$$${String(node.attrs.latex)}$$`)], {}, { ...paragraphChange(node, ctx), style: DOCX_STYLE.mathBlock.id })];
    case 'horizontalRule':
      return [paragraph([], {}, { ...paragraphChange(node, ctx), style: DOCX_STYLE.rule.id })];
    case 'table':
      return [tableBlock(node, ctx)];
    case 'figure':
      return figureBlocks(node, ctx);
    default:
      // A block type added to the schema without an export rule still keeps its text.
      return node.textContent ? [paragraph([new TextRun(node.textContent)], { quote })] : [];
  }
}

/** Review state for the export: comment threads with their ranges, authors' names, suggestions' times, the export time. */
export interface DocxReviewInput {
  threads: readonly ExportThread[];
  names: Readonly<Record<string, string>>;
  /** The server's time of each suggestion by id (ms), for the tracked changes' dates. */
  times?: Readonly<Record<string, number>>;
  at: number;
}

/** The document as a .docx file; suggestions become tracked changes, threads Word comments. */
export async function toDocx(json: JSONContent, options: { title: string; images?: ExportImages; review?: DocxReviewInput }): Promise<Uint8Array> {
  const root = toDocumentNode(json);
  const positions = new Map<Node, number>();
  root.descendants((node, pos) => {
    positions.set(node, pos);
  });
  const review = new DocxReview(root, options.review?.threads ?? [], options.review?.names ?? {}, options.review?.at ?? Date.now(), options.review?.times);
  const ctx: Context = {
    numbering: [
      { reference: 'confer-bullet', levels: bulletLevels },
      { reference: 'confer-task', levels: taskLevels },
    ],
    bookmarks: 0,
    images: options.images ?? {},
    figures: figureNumbersOf(json),
    positions,
    review,
  };
  const children: Block[] = [];
  root.forEach((node) => children.push(...blocks(node, ctx, 0, false)));
  const doc = new Document({
    title: options.title,
    creator: 'Confer',
    styles: docxStyles,
    numbering: { config: ctx.numbering },
    ...(review.comments.length > 0 ? { comments: { children: review.comments } } : {}),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
