/**
 * Research controls in the document toolbar: the deadline with its countdown (in the viewer's own
 * zone), "changes since your last visit", export and print. Rendering them also sets up the editor's
 * research session (comment highlights, section word counts), which lives as long as the editor.
 */
import { createEffect, createSignal, Show, untrack } from 'solid-js';
import { canWriteDocuments } from '../../../shared/roles.js';
import { useSession } from '../../lib/session';
import { formatDateTime } from '../../lib/time';
import type { DocumentContext } from '../../editor/document-plugins';
import { errorMessage, researchApi } from '../../lib/features-api';
import { countdown, toLocalInput } from '../deadlines/deadline';
import { createLoad } from '../../lib/load';
import { readyEditor } from '../../editor/ready';
import { researchSession, type ResearchSession } from '../../editor/feature-session';

function Deadline(props: { context: DocumentContext }) {
  const session = useSession();
  const load = createLoad(() => props.context.docId, async (id) => (await researchApi.deadline(id)).deadline);
  const deadline = load.value;
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal('');
  const canSet = () => {
    const role = props.context.workspace()?.role;
    return role !== undefined && canWriteDocuments(role);
  };
  const save = async (value: string | null) => {
    setError('');
    try {
      const at = value ? new Date(value).getTime() : null;
      if (at !== null && Number.isNaN(at)) return;
      load.set((await researchApi.setDeadline(props.context.docId, at)).deadline);
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <span class="deadline-tool">
      <Show when={deadline()?.at} fallback={<Show when={canSet() && !editing()}><button type="button" class="ghost small" onClick={() => setEditing(true)}>Set deadline</button></Show>}>
        {(at) => {
          const left = () => countdown(at(), session.now());
          return (
            <button
              type="button"
              class="ghost small deadline-chip"
              classList={{ urgent: left().urgent, passed: left().passed }}
              title={`Deadline: ${formatDateTime(at(), session.zone(), session.now())} (${session.zone()})`}
              onClick={() => canSet() && setEditing(!editing())}
              aria-label={`Deadline ${formatDateTime(at(), session.zone(), session.now())}, ${left().text}`}
            >
              Due {formatDateTime(at(), session.zone(), session.now())} · <span class="countdown">{left().text}</span>
            </button>
          );
        }}
      </Show>
      <Show when={editing()}>
        <form
          class="deadline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const input = e.currentTarget.elements.namedItem('deadline');
            void save(input instanceof HTMLInputElement ? input.value : null);
          }}
        >
          <input type="datetime-local" name="deadline" aria-label="Deadline (your local time)" value={deadline()?.at ? toLocalInput(deadline()?.at ?? 0) : ''} required />
          <button type="submit" class="primary small">Save</button>
          <Show when={deadline()?.at}>
            <button type="button" class="ghost small" onClick={() => void save(null)}>Clear</button>
          </Show>
        </form>
      </Show>
      <Show when={error()}>
        <span class="field-error" role="alert">{error()}</span>
      </Show>
    </span>
  );
}

function ExportMenu(props: { docId: string }) {
  return (
    <details class="export-menu">
      <summary class="ghost small">Export</summary>
      <div class="menu" role="menu">
        <a role="menuitem" href={researchApi.exportUrl(props.docId, 'docx')} download="">Word (.docx)</a>
        <a role="menuitem" href={researchApi.exportUrl(props.docId, 'md')} download="">Markdown (.md)</a>
        <a role="menuitem" href={researchApi.exportUrl(props.docId, 'html')} download="">HTML (.html)</a>
        <button type="button" role="menuitem" class="ghost" onClick={() => window.print()}>Print or save as PDF…</button>
      </div>
    </details>
  );
}

function ChangesChip(props: { session: ResearchSession; open: () => void }) {
  const changed = () => {
    const view = props.session.catchUp();
    return view && view.lastVisitAt !== null ? view.insertions + view.deletions : 0;
  };
  return (
    <Show when={changed() > 0}>
      <button type="button" class="small changes-chip" onClick={() => props.open()}>
        {changed()} words changed since your last visit
      </button>
    </Show>
  );
}

/** The toolbar controls of research features. */
export function DocumentTools(props: { context: DocumentContext }) {
  const [session, setSession] = createSignal<ResearchSession>();
  createEffect(() => {
    const editor = readyEditor(props.context);
    setSession(editor ? untrack(() => researchSession(editor, props.context.docId)) : undefined);
  });
  return (
    <span class="research-tools">
      <Show when={session()}>{(s) => <ChangesChip session={s()} open={() => props.context.openPanel('changes')} />}</Show>
      <Show when={session()}>
        <Deadline context={props.context} />
        <ExportMenu docId={props.context.docId} />
      </Show>
    </span>
  );
}
