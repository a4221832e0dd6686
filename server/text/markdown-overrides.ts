/**
 * Markdown writers for the shared schema's links and code blocks that escape what the stock ones
 * write raw (markdown-escape.ts). They extend the configured extensions (same options, same
 * parsing) with a higher priority, so the Markdown manager picks their writer first.
 */
import { flattenExtensions, type AnyExtension, type JSONContent, type MarkdownRendererHelpers } from '@tiptap/core';
import { codeFence, codeInfo, linkDestination, linkTitle } from './markdown-escape.js';

/** Above Link's own 1000, so these writers sort first. */
const OVERRIDE_PRIORITY = 10_000;

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

const WRITERS: Record<string, (node: JSONContent, h: MarkdownRendererHelpers) => string> = {
  link: renderLink,
  codeBlock: renderCodeBlock,
};

/** Escaping writers for the link and code-block extensions among `extensions`. */
export function escapingWriters(extensions: AnyExtension[]): AnyExtension[] {
  return flattenExtensions(extensions).flatMap((extension) => {
    const renderMarkdown = WRITERS[extension.name];
    return renderMarkdown ? [extension.extend({ priority: OVERRIDE_PRIORITY, renderMarkdown })] : [];
  });
}
