/** The working group's activity: who edited, commented, saved or restored versions, imported, and when (in your zone). */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { ActivityView } from '../../../shared/api/activity.js';
import { Timestamp } from '../../components/Timestamp';
import { activityApi } from './api';
import '../panels.css';
import './activity.css';
import { createLoad } from '../../lib/load';

function describe(entry: ActivityView): string {
  switch (entry.kind) {
    case 'edited':
      return 'edited';
    case 'commented':
      return 'commented on';
    case 'version':
      return `saved the version “${entry.detail ?? ''}” of`;
    case 'restored':
      return `restored “${entry.detail ?? ''}” in`;
    case 'imported':
      return `imported ${entry.detail ?? 'a file'} as`;
    case 'link-created':
      return `made a read-only link (${entry.detail ?? ''}) to`;
    case 'link-revoked':
      return 'revoked a read-only link to';
    case 'guest-added':
      return `shared with ${entry.detail ?? 'a guest'}`;
    case 'guest-removed':
      return `stopped sharing with ${entry.detail ?? 'a guest'}`;
  }
}

export function ActivityList(props: { workspaceId: string }) {
  const load = createLoad(() => props.workspaceId, async (id) => (await activityApi.list(id)).activity);
  const activity = load.value;
  const refetch = load.reload;
  return (
    <section class="activity" aria-label="Activity">
      <div class="panel-row">
        <h2>Recent activity</h2>
        <button type="button" class="ghost small" onClick={() => void refetch()}>
          Refresh
        </button>
      </div>
      <Show when={!load.error()} fallback={<p class="field-error">Activity could not be loaded.</p>}>
        <ul class="activity-list">
          <For each={activity() ?? []} fallback={<li class="muted">Nothing yet.</li>}>
            {(entry) => (
              <li>
                <strong>{entry.user?.name ?? 'Someone'}</strong> {describe(entry)} <A href={`/d/${entry.documentId}`}>{entry.documentTitle}</A>{' '}
                <Timestamp ms={entry.at} full />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
