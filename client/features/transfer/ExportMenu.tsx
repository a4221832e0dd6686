/**
 * "Export" in the document toolbar: download the document as Word, Markdown or HTML, or print it (the
 * browser's print dialog also saves a PDF; print.css leaves only the text on the page).
 */
import { Show } from 'solid-js';
import type { DocumentContext } from '../../editor/document-plugins';
import { readyEditor } from '../../editor/ready';
import { transferApi } from './api';
import './print.css';
import './transfer.css';

function ExportMenu(props: { docId: string }) {
  return (
    <details class="export-menu">
      <summary class="ghost small">Export</summary>
      <div class="menu" role="menu">
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'docx')} download="">Word (.docx)</a>
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'md')} download="">Markdown (.md)</a>
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'html')} download="">HTML (.html)</a>
        <button type="button" role="menuitem" class="ghost" onClick={() => window.print()}>Print or save as PDF…</button>
      </div>
    </details>
  );
}

/** The toolbar tool: shown once the document is ready (signed in, metadata loaded). */
export function ExportTool(props: { context: DocumentContext }) {
  return (
    <Show when={readyEditor(props.context)}>
      <ExportMenu docId={props.context.docId} />
    </Show>
  );
}
