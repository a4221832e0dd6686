/**
 * A comparison drawn block by block: accepted insertions underlined green, deletions struck through
 * red; text inside open suggestions dashed in its author's colour and labelled "suggested by …", so a
 * proposal never reads as an accepted edit. Suggested text that another reviewer suggests deleting is
 * drawn as both: the insertion, and inside it that reviewer's deletion.
 */
import { For, Match, Switch } from 'solid-js';
import type { DiffBlock, DiffSegment } from '../../shared/api/versions.js';
import { colorFor } from '../../shared/colors.js';
import './diff-view.css';

function Suggested(props: { segment: DiffSegment; verb: 'inserted' | 'deleted' }) {
  const who = () => props.segment.suggestedBy?.name ?? 'someone';
  const label = () => `Suggested by ${who()}: ${props.verb}`;
  const attrs = () => ({
    class: `diff-suggestion diff-suggest-${props.verb === 'inserted' ? 'insert' : 'delete'}`,
    title: label(),
    'data-suggestion': props.segment.suggestionId,
    style: { '--suggestion-color': colorFor(props.segment.suggestedBy?.id ?? '') },
  });
  return (
    <Switch>
      <Match when={props.verb === 'inserted' && props.segment.deletionId !== undefined}>
        <ins {...attrs()}>
          <span class="visually-hidden">[{label()}] </span>
          <NestedDeletion segment={props.segment} />
        </ins>
      </Match>
      <Match when={props.verb === 'inserted'}>
        <ins {...attrs()}>
          <span class="visually-hidden">[{label()}] </span>
          {props.segment.text}
        </ins>
      </Match>
      <Match when={props.verb === 'deleted'}>
        <del {...attrs()}>
          <span class="visually-hidden">[{label()}] </span>
          {props.segment.text}
        </del>
      </Match>
    </Switch>
  );
}

/** The deletion another reviewer suggests of suggested text, inside that text's insertion. */
function NestedDeletion(props: { segment: DiffSegment }) {
  const label = () => `Suggested by ${props.segment.deletedBy?.name ?? 'someone'}: deleted`;
  return (
    <del
      class="diff-suggestion diff-suggest-delete"
      title={label()}
      data-suggestion={props.segment.deletionId}
      style={{ '--suggestion-color': colorFor(props.segment.deletedBy?.id ?? '') }}
    >
      <span class="visually-hidden">[{label()}] </span>
      {props.segment.text}
    </del>
  );
}

function Segment(props: { segment: DiffSegment }) {
  return (
    <Switch fallback={<span>{props.segment.text}</span>}>
      <Match when={props.segment.op === 'insert'}>
        <ins>{props.segment.text}</ins>
      </Match>
      <Match when={props.segment.op === 'delete'}>
        <del>{props.segment.text}</del>
      </Match>
      <Match when={props.segment.op === 'suggest-insert'}>
        <Suggested segment={props.segment} verb="inserted" />
      </Match>
      <Match when={props.segment.op === 'suggest-delete'}>
        <Suggested segment={props.segment} verb="deleted" />
      </Match>
    </Switch>
  );
}

export function DiffView(props: { blocks: readonly DiffBlock[]; onlyChanges?: boolean }) {
  const blocks = () => (props.onlyChanges ? props.blocks.filter((b) => b.op !== 'equal') : props.blocks);
  return (
    <div class="diff-view">
      <For each={blocks()} fallback={<p class="muted">No differences in the text.</p>}>
        {(block) => (
          <p class={`diff-block diff-${block.op} diff-type-${block.type}`}>
            <For each={block.segments}>{(segment) => <Segment segment={segment} />}</For>
          </p>
        )}
      </For>
    </div>
  );
}
