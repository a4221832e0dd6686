/** "Since your last visit": who changed the document, when (in your zone), and the highlighted changes. */
import { For, Show, untrack } from 'solid-js';
import type { CatchUpView } from '../../../shared/api/catch-up.js';
import { Timestamp } from '../../components/Timestamp';
import type { DocumentContext } from '../../editor/document-plugins';
import { DiffView } from '../../components/DiffView';
import { SuggestionChanges } from '../../components/SuggestionChanges';
import { readyEditor } from '../../editor/ready';
import { catchUpOf } from './session';
import '../panels.css';
import './catch-up.css';

const verbs: Record<string, string> = { edited: 'edited', commented: 'commented', version: 'saved the version', restored: 'restored', imported: 'imported', 'link-created': 'made a read-only link to', 'link-revoked': 'revoked a read-only link to', 'guest-added': 'shared', 'guest-removed': 'stopped sharing' };

function Changes(props: { view: CatchUpView }) {
  return (
    <Show when={props.view.lastVisitAt} fallback={<p class="muted">This is your first visit: from now on, changes made while you are away show here.</p>}>
      {(last) => (
        <>
          <p>
            Since your last visit <Timestamp ms={last()} full />:{' '}
            <Show when={props.view.insertions + props.view.deletions > 0} fallback={<span class="muted">{props.view.suggestions.length > 0 ? 'no accepted changes.' : 'nothing changed.'}</span>}>
              <ins>+{props.view.insertions}</ins> <del>−{props.view.deletions}</del> words
              <Show when={props.view.authors.length > 0}> by {props.view.authors.map((a) => a.name).join(', ')}</Show>.
            </Show>
          </p>
          <SuggestionChanges suggestions={props.view.suggestions} />
          <ul class="catch-up-activity">
            <For each={props.view.activity}>
              {(entry) => (
                <li>
                  <strong>{entry.user?.name ?? 'Someone'}</strong> {verbs[entry.kind] ?? entry.kind}
                  <Show when={entry.detail}> “{entry.detail}”</Show> <Timestamp ms={entry.at} />
                </li>
              )}
            </For>
          </ul>
          <DiffView blocks={props.view.blocks} onlyChanges />
        </>
      )}
    </Show>
  );
}

/** The "Changes" side panel. */
export function CatchUpPanel(props: { context: DocumentContext }) {
  return (
    <section class="feature-panel catchup-panel" aria-label="Changes since your last visit">
      <Show when={readyEditor(props.context)} keyed fallback={<p class="muted">Loading…</p>}>
        {(editor) => {
          const catchUp = untrack(() => catchUpOf(editor, props.context.docId));
          return (
            <Show when={catchUp() !== undefined} fallback={<p class="muted">Loading…</p>}>
              <Show when={catchUp()} fallback={<p class="muted">Changes could not be loaded.</p>}>
                {(view) => <Changes view={view()} />}
              </Show>
            </Show>
          );
        }}
      </Show>
    </section>
  );
}
