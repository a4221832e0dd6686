/**
 * The shared schema's extensions as the Markdown manager gets them: one flat list (kits unpacked,
 * so nothing is registered twice) in which some extensions are replaced by versions that keep
 * their options and parsing but
 * - write links and code blocks escaped (markdown-escape.ts): the stock writers put link targets
 *   and code raw into the file;
 * - tokenize ordered lists, task lists and tables in linear time: the stock tokenizers split the
 *   whole rest of the file into lines at every block, so 8,000 paragraphs took 6 s to parse. The
 *   guards look at the first lines only and answer "not here" exactly when the stock code would.
 */
import {
  flattenExtensions, getExtensionField, type AnyExtension, type JSONContent, type MarkdownRendererHelpers, type MarkdownTokenizer,
} from '@tiptap/core';
import { codeFence, codeInfo, linkDestination, linkTitle } from './markdown-escape.js';

function renderLink(node: JSONContent, h: MarkdownRendererHelpers): string {
  const href = String(node.attrs?.href ?? '');
  const title = node.attrs?.title ? ` ${linkTitle(String(node.attrs.title))}` : '';
  return `[${h.renderChildren(node)}](${linkDestination(href)}${title})`;
}

function renderCodeBlock(node: JSONContent, h: MarkdownRendererHelpers): string {
  const code = node.content ? h.renderChildren(node.content) : '';
  const fence = codeFence(code);
  return `${fence}${codeInfo(node.attrs?.language)}\n${code}\n${fence}`;
}

/** The first line of `src`, after blank lines when `skipBlank`, found without splitting all of it. */
function firstLine(src: string, skipBlank: boolean): string {
  const start = skipBlank ? (/^(?:[ \t]*\n)*/.exec(src)?.[0].length ?? 0) : 0;
  const end = src.indexOf('\n', start);
  return src.slice(start, end === -1 ? undefined : end);
}

/** The stock ordered-list item pattern (extension-list's ORDERED_LIST_ITEM_REGEX). */
const ORDERED_ITEM = /^\s*(?:\d+|[ivxlcdmIVXLCDM]+|[a-zA-Z]{1,2})[.)]\s+/;
/** The stock task-item pattern (extension-list's taskList itemPattern). */
const TASK_ITEM = /^\s*[-+*]\s+\[[ xX]\]\s+/;

/** `tokenizer` that gives up at once when the line it would start on cannot start its block. */
function guarded(tokenizer: MarkdownTokenizer, canStart: (src: string) => boolean): MarkdownTokenizer {
  return { ...tokenizer, tokenize: (src, tokens, lexer) => (canStart(src) ? tokenizer.tokenize(src, tokens, lexer) : undefined) };
}

/** Table's start test reads the first two lines only, as the stock one does after splitting everything. */
function tableStart(src: string): number {
  const first = src.indexOf('\n');
  if (first === -1) return -1;
  const secondEnd = src.indexOf('\n', first + 1);
  const header = src.slice(0, first);
  const separator = src.slice(first + 1, secondEnd === -1 ? undefined : secondEnd);
  if (!/^[ \t|:]*-[ \t|:-]*$/.test(separator) || !separator.includes('|')) return -1;
  return header.includes('|') ? 0 : -1;
}

type Replace = (extension: AnyExtension, tokenizer: MarkdownTokenizer | undefined) => AnyExtension;

const REPLACEMENTS: Record<string, Replace> = {
  link: (ext) => ext.extend({ renderMarkdown: renderLink }),
  codeBlock: (ext) => ext.extend({ renderMarkdown: renderCodeBlock }),
  orderedList: (ext, tokenizer) =>
    tokenizer ? ext.extend({ markdownTokenizer: guarded(tokenizer, (src) => ORDERED_ITEM.test(firstLine(src, false))) }) : ext,
  taskList: (ext, tokenizer) =>
    tokenizer ? ext.extend({ markdownTokenizer: guarded(tokenizer, (src) => TASK_ITEM.test(firstLine(src, true))) }) : ext,
  // Suggestions, in an export that asks for them marked, as the HTML elements Markdown renderers show.
  insertion: (ext) => ext.extend({ renderMarkdown: (node: JSONContent, h: MarkdownRendererHelpers) => `<ins>${h.renderChildren(node)}</ins>` }),
  deletion: (ext) => ext.extend({ renderMarkdown: (node: JSONContent, h: MarkdownRendererHelpers) => `<del>${h.renderChildren(node)}</del>` }),
  table: (ext, tokenizer) => (tokenizer ? ext.extend({ markdownTokenizer: { ...tokenizer, start: tableStart } }) : ext),
};

/**
 * `extensions` flattened, kits (extensions that only add others) left out since their children are
 * in the list, with the replacements
 * above and any in `extra` (by name).
 */
export function markdownExtensionList(extensions: AnyExtension[], extra: Record<string, AnyExtension> = {}): AnyExtension[] {
  return flattenExtensions(extensions)
    .filter((ext) => ext.type !== 'extension' || !getExtensionField(ext, 'addExtensions'))
    .map((ext) => {
      const replacement = extra[ext.name];
      if (replacement) return replacement;
      const replace = REPLACEMENTS[ext.name];
      return replace ? replace(ext, getExtensionField<MarkdownTokenizer>(ext, 'markdownTokenizer')) : ext;
    });
}
