/**
 * "Export" in the document toolbar: download the document as PDF (printed by the server: tagged, with an
 * outline and page numbers), Word, Markdown or HTML, or print it from the browser (print.css leaves
 * only the text on the page). The PDF's paper follows the browser's language, with the other size beside it.
 * PDF, Markdown and HTML read as if every suggestion were accepted unless "Mark suggestions" is ticked;
 * Word always carries them as tracked changes, with the comments.
 */
import { createSignal, Show } from 'solid-js';
import type { DocumentContext } from '../../editor/document-plugins';
import { readyEditor } from '../../editor/ready';
import { transferApi } from './api';
import { paperFor } from './paper';
import './print.css';
import './transfer.css';

function ExportMenu(props: { docId: string }) {
  const preferred = paperFor(navigator.language);
  const other = preferred === 'a4' ? 'letter' : 'a4';
  const label = (paper: 'a4' | 'letter') => (paper === 'a4' ? 'A4' : 'Letter');
  const [marked, setMarked] = createSignal(false);
  const mode = () => (marked() ? 'marked' : 'accepted');
  return (
    <details class="export-menu">
      <summary class="ghost small">Export</summary>
      <div class="menu" role="menu">
        <label class="export-suggestions" title="PDF, Markdown and HTML show suggested insertions and deletions in the text; otherwise as if all were accepted">
          <input type="checkbox" checked={marked()} onChange={(event) => setMarked(event.currentTarget.checked)} /> Mark suggestions
        </label>
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'pdf', preferred, mode())} download="">PDF ({label(preferred)})</a>
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'pdf', other, mode())} download="">PDF ({label(other)})</a>
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'docx')} download="" title="Suggestions as tracked changes, comments as Word comments">Word (.docx)</a>
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'md', undefined, mode())} download="">Markdown (.md)</a>
        <a role="menuitem" href={transferApi.exportUrl(props.docId, 'html', undefined, mode())} download="">HTML (.html)</a>
        <button type="button" role="menuitem" class="ghost" onClick={() => window.print()}>Print…</button>
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
