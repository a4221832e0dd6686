/**
 * The quick switcher: Ctrl+/ (⌘/ on a Mac), or "Go to…" in the header, opens a box that finds documents
 * (by title, across every group, the ones you opened last first) and working groups (by name). Arrow
 * keys move, Enter opens, Escape closes. Ctrl+P stays the browser's print: the document page prints.
 */
import { useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { Dialog } from '../../components/Dialog';
import { recentApi } from './api';
import { matchWorkspaces, switcherEntries, type SwitcherEntry } from './switcher';
import './recent.css';

/** Whether a key press asks for the switcher. */
export function isSwitcherShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key === '/';
}

function SwitcherBox(props: { close: () => void }) {
  const navigate = useNavigate();
  const [query, setQuery] = createSignal('');
  const [debounced, setDebounced] = createSignal('');
  const [active, setActive] = createSignal(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const [workspaces] = createResource(() => recentApi.workspaces().then((answer) => answer.workspaces));
  // The source is an object so that an empty query (the switcher just opened) also fetches: recent documents first.
  const [documents] = createResource(
    () => ({ q: debounced() }),
    ({ q }) => recentApi.list({ q: q || undefined, limit: 12 }).then((answer) => answer.documents),
  );
  const entries = (): SwitcherEntry[] => switcherEntries(documents.latest ?? [], matchWorkspaces(workspaces.latest ?? [], query()));
  createEffect(on(entries, () => setActive(0)));
  let input: HTMLInputElement | undefined;
  onMount(() => input?.focus());

  const open = (entry: SwitcherEntry | undefined) => {
    if (!entry) return;
    props.close();
    navigate(entry.href);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const count = entries().length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive((active() + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive((active() - 1 + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // The list can shrink between a key press and the answer to the query: never point past its end.
      open(entries()[Math.min(active(), count - 1)]);
    }
  };
  return (
    <div class="switcher">
      <input
        ref={input}
        type="search"
        class="switcher-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="switcher-list"
        aria-activedescendant={entries().length > 0 ? `switcher-${active()}` : undefined}
        aria-label="Document or group name"
        placeholder="Type a document or group name…"
        maxLength={200}
        value={query()}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          clearTimeout(timer);
          timer = setTimeout(() => setDebounced(query().trim()), 150);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="switcher-list" class="switcher-list" role="listbox" aria-label="Matches">
        <For each={entries()} fallback={<li class="muted switcher-empty">{documents.loading ? 'Looking…' : 'Nothing matches.'}</li>}>
          {(entry, index) => (
            <li
              id={`switcher-${index()}`}
              role="option"
              aria-selected={index() === active()}
              class="switcher-entry"
              classList={{ active: index() === active() }}
              onMouseMove={() => setActive(index())}
              onClick={() => open(entry)}
            >
              <span class="switcher-kind">{entry.kind === 'document' ? 'Document' : 'Group'}</span>
              <span class="switcher-label">{entry.label}</span>
              <Show when={entry.detail}>
                <span class="switcher-detail muted">{entry.detail}</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/** The header's "Go to…" button and the global shortcut; render only when signed in. */
export function QuickSwitcher() {
  const [open, setOpen] = createSignal(false);
  const onKey = (event: KeyboardEvent) => {
    if (!isSwitcherShortcut(event)) return;
    event.preventDefault();
    setOpen(!open());
  };
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));
  return (
    <>
      <button type="button" class="ghost switcher-button" aria-keyshortcuts="Control+/" title="Go to a document or group (Ctrl+/)" onClick={() => setOpen(true)}>
        Go to…
      </button>
      <Dialog open={open()} title="Go to" onClose={() => setOpen(false)}>
        <SwitcherBox close={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
