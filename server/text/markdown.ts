/**
 * Markdown with @tiptap/markdown and the shared extensions: GFM tables, `- [ ]`/`- [x]` task lists,
 * `$…$` and `$$…$$` math, `++underline++`, and a `<!-- word-limit: N -->` comment after headings.
 */
import type { AnyExtension, JSONContent } from '@tiptap/core';
import { BlockMath } from '@tiptap/extension-mathematics';
import { MarkdownManager } from '@tiptap/markdown';
import { Marked, type marked } from 'marked';
import { protectDollars, restoreDollars, StrictInlineMath } from './markdown-math.js';
import { documentExtensions, emptyDocument, normaliseJson, toDocumentNode } from './schema.js';

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
 * browser DOM to parse it with, and literal is the safe reading of untrusted input anyway.
 */
export function fromMarkdown(markdown: string): JSONContent {
  const parsed = markdownManager().parse(markdown.replace(/\r\n?/g, '\n'));
  return parsed.content && parsed.content.length > 0 ? normaliseJson(parsed) : normaliseJson(emptyDocument());
}
