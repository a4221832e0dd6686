/**
 * HTML export and import with the shared schema. Export renders on the server (no client code),
 * turns math into MathML (readable in any current browser without scripts or fonts), and passes
 * the result through the allow-list in html-sanitise.ts. Import parses with the schema's own
 * parse rules, which keep only what the schema knows (no images, scripts, styles or handlers).
 */
import type { JSONContent } from '@tiptap/core';
import { DOMParser as SchemaParser, DOMSerializer } from '@tiptap/pm/model';
import katex from 'katex';
import { withDocument, withParsedBody } from './dom.js';
import { inlineImagesInHtml, numberFiguresInHtml, type ExportImages } from './figures.js';
import { sanitiseHtml } from './html-sanitise.js';
import { printStylesheet } from './html-style.js';
import { documentSchema, emptyDocument, normaliseJson, toDocumentNode } from './schema.js';

/** Fills the empty math placeholders the schema renders with MathML that keeps the LaTeX. */
function renderMath(root: HTMLElement): void {
  for (const el of Array.from(root.querySelectorAll('[data-type="inline-math"], [data-type="block-math"]'))) {
    const latex = el.getAttribute('data-latex') ?? '';
    el.innerHTML = katex.renderToString(latex, {
      output: 'mathml',
      displayMode: el.getAttribute('data-type') === 'block-math',
      throwOnError: false,
    });
  }
}

/** Task-list checkboxes in an exported page are a record, not a control. */
function freezeCheckboxes(root: HTMLElement): void {
  for (const input of Array.from(root.querySelectorAll('input[type="checkbox"]'))) input.setAttribute('disabled', '');
}

/** The document body as sanitised HTML (no surrounding page), with figures' images from `images` inlined. */
export function toHtmlFragment(json: JSONContent, images: ExportImages = {}): string {
  const node = toDocumentNode(json);
  const html = withDocument((document) => {
    const wrap = document.createElement('div');
    DOMSerializer.fromSchema(documentSchema).serializeFragment(node.content, { document }, wrap);
    renderMath(wrap);
    freezeCheckboxes(wrap);
    numberFiguresInHtml(wrap);
    return wrap.innerHTML;
  });
  return inlineImagesInHtml(sanitiseHtml(html), images);
}

/** Escapes text for an HTML text or attribute context. */
function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A standalone HTML page for the document, with a print stylesheet (browsers print it to PDF). */
export function toHtmlDocument(json: JSONContent, options: { title: string; lang?: string; images?: ExportImages }): string {
  const title = escapeText(options.title);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeText(options.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The page runs nothing and loads nothing, even if it is served from somewhere permissive; its
    // figures' images are inside it (data: URLs).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${Object.keys(options.images ?? {}).length > 0 ? '; img-src data:' : ''}">`,
    `<title>${title}</title>`,
    `<style>${printStylesheet}</style>`,
    '</head>',
    '<body>',
    `<main class="confer-document">${toHtmlFragment(json, options.images)}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** HTML (pasted, or converted from another format) to canonical JSON via the schema's parse rules. */
export function fromHtml(html: string, prepare?: (body: HTMLElement, document: Document) => void): JSONContent {
  const json = withParsedBody(html, (body, document) => {
    prepare?.(body, document);
    return SchemaParser.fromSchema(documentSchema).parse(body).toJSON() as JSONContent;
  });
  return json.content && json.content.length > 0 ? normaliseJson(json) : normaliseJson(emptyDocument());
}
