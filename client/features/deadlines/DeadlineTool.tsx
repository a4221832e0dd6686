/**
 * The deadline control in the document toolbar: when the document is due, with a countdown (in the
 * viewer's own zone); editors and owners set, change or clear it.
 */
import { createSignal, Show } from 'solid-js';
import { canWriteDocuments } from '../../../shared/roles.js';
import { useSession } from '../../lib/session';
import { formatDateTime } from '../../lib/time';
import type { DocumentContext } from '../../editor/document-plugins';
import { readyEditor } from '../../editor/ready';
import { errorMessage } from '../../lib/api';
import { createLoad } from '../../lib/load';
import { deadlinesApi } from './api';
import { countdown, toLocalInput } from './deadline';
import './deadlines.css';

function Deadline(props: { context: DocumentContext }) {
  const session = useSession();
  const load = createLoad(() => props.context.docId, async (id) => (await deadlinesApi.get(id)).deadline);
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
      load.set((await deadlinesApi.set(props.context.docId, at)).deadline);
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

/** The toolbar tool: shown once the document is ready (signed in, metadata loaded). */
export function DeadlineTool(props: { context: DocumentContext }) {
  return (
    <Show when={readyEditor(props.context)}>
      <Deadline context={props.context} />
    </Show>
  );
}
