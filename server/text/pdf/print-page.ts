/**
 * The page Chromium prints: the HTML export (already sanitised, with its own stylesheet and a CSP that
 * loads nothing) plus a title block with the authors and the date, and the paged-media rules a PDF needs.
 * Built from the export's known template rather than parsed, so it costs nothing on the event loop.
 */

/** What the title block says under the title. */
export interface TitleBlock {
  authors: string[];
  /** The date, already formatted for the reader ("2 December 2026"). */
  date: string;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Paged rules on top of the export's print stylesheet: margins come from `page.pdf` (so the footer with
 * page numbers has room), headings stay with what follows, figures and tables are not split.
 */
const PAGED_CSS = `
@page { margin: 0; }
body { font-size: 11pt; }
.confer-document { max-width: none; margin: 0; padding: 0; }
.confer-title-block { margin: 0 0 1.5em; padding-bottom: 0.75em; border-bottom: 1px solid #ccc; font-family: system-ui, sans-serif; }
.confer-title-block .confer-title { font-size: 1.6rem; font-weight: 600; margin: 0 0 0.3em; line-height: 1.25; }
.confer-title-block p { margin: 0.15em 0; color: #444; font-size: 0.95em; }
figure, img, table { break-inside: avoid; }
img { max-width: 100%; height: auto; }
`;

/**
 * The export page with a title block and paged CSS. The title block is a `div` with `role` text, not an
 * `h1`: the document's own headings make the PDF outline, and the title must not become one of them.
 */
export function printPage(exportHtml: string, title: string, block: TitleBlock): string {
  const authors = block.authors.length > 0 ? `<p class="confer-authors">${escapeText(block.authors.join(', '))}</p>` : '';
  const header = [
    '<header class="confer-title-block">',
    `<p class="confer-title">${escapeText(title)}</p>`,
    authors,
    `<p class="confer-date">${escapeText(block.date)}</p>`,
    '</header>',
  ].join('');
  const withStyle = exportHtml.replace('</head>', `<style>${PAGED_CSS}</style>\n</head>`);
  const marker = '<main class="confer-document">';
  if (!withStyle.includes(marker)) throw new Error('the HTML export changed its template: update print-page.ts');
  return withStyle.replace(marker, `${marker}${header}`);
}
