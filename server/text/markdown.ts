/**
 * Markdown with @tiptap/markdown and the shared extensions: GFM tables, `- [ ]`/`- [x]` task lists,
 * `$…$` and `$$…$$` math, `++underline++`, and a `<!-- word-limit: N -->` comment after headings.
 */
import type { AnyExtension, JSONContent } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import { Marked, type marked } from 'marked';
import { checkDocumentSize } from './document-limits.js';
import { ImportError } from './errors.js';
import { protectInlineCode } from './markdown-code.js';
import { EscapedBlockMath, protectDollars, restoreDollars, StrictInlineMath } from './markdown-math.js';
import { checkMarkdownNesting } from './markdown-nesting.js';
import type { ExportImages } from './figures.js';
import { figureWriters } from './markdown-figures.js';
import type { ImportImages } from './import-images.js';
import { extractFigures } from './markdown-images.js';
import { markdownExtensionList } from './markdown-overrides.js';
import { documentExtensions, normaliseJson, toDocumentNode } from './schema.js';
import { repairToSchema } from './schema-repair.js';

/**
 * The shared extensions with Markdown-specific math (markdown-math.ts), the replacements of
 * markdown-overrides.ts, and for an export the figure writers (markdown-figures.ts).
 */
function markdownExtensions(figures: Record<string, AnyExtension> = {}): AnyExtension[] {
  return markdownExtensionList(documentExtensions, { inlineMath: StrictInlineMath, blockMath: EscapedBlockMath, ...figures });
}

/**
 * A manager per call: it registers its tokenizers on the `marked` instance it is given, so each gets
 * its own instance instead of the global one (which would pile up tokenizers and is shared state).
 */
function markdownManager(figures?: Record<string, AnyExtension>): MarkdownManager {
  // The option is typed as the global `marked` function, but the manager only uses what a `Marked`
  // instance also has (Lexer, defaults, use, setOptions).
  const instance = new Marked({ gfm: true }) as unknown as typeof marked;
  return new MarkdownManager({ marked: instance, extensions: markdownExtensions(figures) });
}

/**
 * The document as Markdown that renders to exactly its content: link targets, code and math are
 * escaped (markdown-escape.ts), so no text in the document can become a link, HTML or a block.
 */
export function toMarkdown(json: JSONContent, images: ExportImages = {}): string {
  const canonical = toDocumentNode(json).toJSON() as JSONContent;
  const code = protectInlineCode(protectDollars(canonical));
  const markdown = code.restore(restoreDollars(markdownManager(figureWriters(canonical, images)).serialize(code.json)));
  return markdown.endsWith('\n') ? markdown : `${markdown}\n`;
}

/**
 * Markdown to canonical JSON. Raw HTML in the source stays literal text: the server has no
 * browser DOM to parse it with, and literal is the safe reading of untrusted input anyway. An
 * image becomes its alt text (nothing is ever fetched), except one on a line of its own from a data: URL,
 * which becomes a figure when `images` collects them (markdown-images.ts). Nesting is
 * checked before the parser runs, and what the parser makes is fitted to the schema rather than
 * refused. Throws ImportError for what cannot become a document.
 */
export function fromMarkdown(markdown: string, images?: ImportImages): JSONContent {
  const figures = images ? extractFigures(markdown.replace(/\r\n?/g, '\n'), images) : null;
  const source = figures ? figures.markdown : markdown.replace(/\r\n?/g, '\n');
  checkMarkdownNesting(source);
  let parsed: JSONContent;
  try {
    parsed = markdownManager().parse(source);
  } catch (cause) {
    throw new ImportError('unreadable', 'The Markdown file could not be read as a document.', { cause });
  }
  checkDocumentSize(parsed);
  const repaired = repairToSchema(parsed);
  return normaliseJson(figures ? figures.restore(repaired) : repaired);
}
