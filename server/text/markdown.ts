/**
 * Markdown with @tiptap/markdown and the shared extensions: GFM tables, `- [ ]`/`- [x]` task lists,
 * `$…$` and `$$…$$` math, `++underline++`, and a `<!-- word-limit: N -->` comment after headings.
 */
import type { AnyExtension, JSONContent } from '@tiptap/core';
import { BlockMath } from '@tiptap/extension-mathematics';
import { MarkdownManager } from '@tiptap/markdown';
import { Marked, type marked } from 'marked';
import { checkDocumentSize } from './document-limits.js';
import { ImportError } from './errors.js';
import { protectDollars, restoreDollars, StrictInlineMath } from './markdown-math.js';
import { checkMarkdownNesting } from './markdown-nesting.js';
import { documentExtensions, normaliseJson, toDocumentNode } from './schema.js';
import { repairToSchema } from './schema-repair.js';

/** The shared extensions with Markdown-specific inline math (see markdown-math.ts). */
function markdownExtensions(): AnyExtension[] {
  return documentExtensions.flatMap((ext) => (ext.name === 'Mathematics' ? [StrictInlineMath, BlockMath] : [ext]));
}

/**
 * A manager per call: it registers its tokenizers on the `marked` instance it is given, so each gets
 * its own instance instead of the global one (which would pile up tokenizers and is shared state).
 */
function markdownManager(): MarkdownManager {
  // The option is typed as the global `marked` function, but the manager only uses what a `Marked`
  // instance also has (Lexer, defaults, use, setOptions).
  const instance = new Marked({ gfm: true }) as unknown as typeof marked;
  return new MarkdownManager({ marked: instance, extensions: markdownExtensions() });
}

/** The document as Markdown. */
export function toMarkdown(json: JSONContent): string {
  const canonical = toDocumentNode(json).toJSON() as JSONContent;
  const markdown = restoreDollars(markdownManager().serialize(protectDollars(canonical)));
  return markdown.endsWith('\n') ? markdown : `${markdown}\n`;
}

/**
 * Markdown to canonical JSON. Raw HTML in the source stays literal text: the server has no
 * browser DOM to parse it with, and literal is the safe reading of untrusted input anyway. An
 * image becomes its alt text (the schema has no figures; nothing is ever fetched). Nesting is
 * checked before the parser runs, and what the parser makes is fitted to the schema rather than
 * refused. Throws ImportError for what cannot become a document.
 */
export function fromMarkdown(markdown: string): JSONContent {
  const source = markdown.replace(/\r\n?/g, '\n');
  checkMarkdownNesting(source);
  let parsed: JSONContent;
  try {
    parsed = markdownManager().parse(source);
  } catch (cause) {
    throw new ImportError('unreadable', 'The Markdown file could not be read as a document.', { cause });
  }
  checkDocumentSize(parsed);
  return normaliseJson(repairToSchema(parsed));
}
