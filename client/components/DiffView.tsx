/** A comparison drawn block by block: insertions underlined green, deletions struck through red. */
import { For, Show } from 'solid-js';
import type { DiffBlock } from '../../shared/api/versions.js';
import './diff-view.css';

export function DiffView(props: { blocks: readonly DiffBlock[]; onlyChanges?: boolean }) {
  const blocks = () => (props.onlyChanges ? props.blocks.filter((b) => b.op !== 'equal') : props.blocks);
  return (
    <div class="diff-view">
      <For each={blocks()} fallback={<p class="muted">No differences in the text.</p>}>
        {(block) => (
          <p class={`diff-block diff-${block.op} diff-type-${block.type}`}>
            <For each={block.segments}>
              {(segment) => (
                <Show when={segment.op !== 'equal'} fallback={<span>{segment.text}</span>}>
                  <Show when={segment.op === 'insert'} fallback={<del>{segment.text}</del>}>
                    <ins>{segment.text}</ins>
                  </Show>
                </Show>
              )}
            </For>
          </p>
        )}
      </For>
    </div>
  );
}
