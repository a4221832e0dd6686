/** The side region of the document page: one tab per mounted panel (see registry.tsx); absent when there are none. */
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { DocumentContext, DocumentPanel } from '../../editor/document-plugins';

export interface SidePanelsProps {
  panels: readonly DocumentPanel[];
  context: DocumentContext;
  /** The open panel's id; the first one when unset. */
  open: string | undefined;
  onOpen: (id: string) => void;
}

export function SidePanels(props: SidePanelsProps) {
  const current = () => props.panels.find((p) => p.id === props.open) ?? props.panels[0];
  // On a phone the panels are a bottom sheet (editor.css) that starts closed, leaving the text in view.
  const [collapsed, setCollapsed] = createSignal(window.matchMedia('(max-width: 40rem)').matches);
  // A panel asked for from elsewhere (a comment highlight clicked in the text) opens the sheet.
  createEffect(on(() => props.open, () => setCollapsed(false), { defer: true }));
  return (
    <Show when={props.panels.length > 0}>
      <aside class="doc-side" aria-label="Document tools">
        <div class="side-head">
          <div class="side-tabs" role="tablist" aria-label="Panels">
            <For each={props.panels}>
              {(panel) => (
                <button
                  type="button"
                  role="tab"
                  id={`side-tab-${panel.id}`}
                  aria-selected={current()?.id === panel.id}
                  aria-controls={collapsed() ? undefined : 'side-panel'}
                  onClick={() => {
                    setCollapsed(false);
                    props.onOpen(panel.id);
                  }}
                >
                  {panel.title}
                </button>
              )}
            </For>
          </div>
          {/* Outside the tablist, which may hold only tabs. */}
          <button type="button" class="ghost small side-toggle" aria-expanded={!collapsed()} onClick={() => setCollapsed(!collapsed())}>
            {collapsed() ? 'Show' : 'Hide'}
          </button>
        </div>
        <Show when={!collapsed() && current()}>
          {(panel) => (
            <div id="side-panel" role="tabpanel" aria-labelledby={`side-tab-${panel().id}`} class="side-panel">
              {panel().render(props.context)}
            </div>
          )}
        </Show>
      </aside>
    </Show>
  );
}
