/**
 * The deadline control in the document toolbar: when the document is due in the zone it was set in
 * (a funder's "17:00 Brussels time") and in the viewer's own, with a countdown and a calendar
 * download; editors and owners set, change or clear it, choosing the zone.
 */
import { createSignal, For, Show } from 'solid-js';
import { canWriteDocuments } from '../../../shared/roles.js';
import { useSession } from '../../lib/session';
import { knownTimeZones, zoneLabel } from '../../lib/time';
import type { DocumentContext } from '../../editor/document-plugins';
import { readyEditor } from '../../editor/ready';
import { errorMessage } from '../../lib/api';
import { createLoad } from '../../lib/load';
import { deadlinesApi } from './api';
import { countdown, describeDeadline } from './deadline';
import './deadlines.css';

function Deadline(props: { context: DocumentContext }) {
  const session = useSession();
  const load = createLoad(() => props.context.docId, async (id) => (await deadlinesApi.get(id)).deadline);
  const deadline = load.value;
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal('');
  const canSet = () => {
    const role = props.context.workspace()?.role;
    // A guest's deadline would be the group's: the server refuses it, so the control is not offered.
    return role !== undefined && canWriteDocuments(role) && props.context.guest?.() !== true;
  };
  const save = async (choice: { local: string; timeZone: string } | null) => {
    setError('');
    try {
      load.set((await deadlinesApi.set(props.context.docId, choice)).deadline);
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const zoneListId = `deadline-zones-${props.context.docId}`;
  return (
    <span class="deadline-tool">
      <Show when={deadline()?.at} fallback={<Show when={canSet() && !editing()}><button type="button" class="ghost small" onClick={() => setEditing(true)}>Set deadline</button></Show>}>
        {(at) => {
          const zone = () => deadline()?.timeZone ?? 'UTC';
          const left = () => countdown(at(), session.now());
          const words = () => describeDeadline(at(), zone(), session.zone(), session.now());
          const spoken = () => `Deadline ${words().there}${words().here ? `, ${words().here}` : ''}, ${left().text}`;
          return (
            <>
              <button
                type="button"
                class="ghost small deadline-chip tool-status"
                classList={{ urgent: left().urgent, passed: left().passed }}
                title={`Deadline set in ${zoneLabel(zone())}`}
                onClick={() => canSet() && setEditing(!editing())}
                aria-label={spoken()}
              >
                {/* One inline run: the button lays out its children as flex items. */}
                <span>
                  Due {words().there}
                  <Show when={words().here}>{(here) => <span class="deadline-here"> ({here()})</span>}</Show> · <span class="countdown">{left().text}</span>
                </span>
              </button>
              <a class="button small deadline-ics" href={deadlinesApi.icsUrl(props.context.docId)} download="">
                Add to calendar
              </a>
            </>
          );
        }}
      </Show>
      <Show when={editing()}>
        <form
          class="deadline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget.elements;
            const local = form.namedItem('deadline');
            const zone = form.namedItem('zone');
            if (!(local instanceof HTMLInputElement) || !(zone instanceof HTMLInputElement) || !local.value) return;
            void save({ local: local.value, timeZone: zone.value.trim() });
          }}
        >
          <input type="datetime-local" name="deadline" aria-label="Deadline date and time, in the zone beside it" value={deadline()?.local ?? ''} required />
          <input
            type="text"
            name="zone"
            list={zoneListId}
            aria-label="Time zone of the deadline"
            placeholder="e.g. Europe/Brussels"
            value={deadline()?.timeZone ?? session.zone()}
            required
            spellcheck={false}
          />
          <datalist id={zoneListId}>
            <For each={knownTimeZones(session.zone())}>{(z) => <option value={z}>{zoneLabel(z)}</option>}</For>
          </datalist>
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
