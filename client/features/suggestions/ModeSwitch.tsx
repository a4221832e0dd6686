/** The toolbar's Editing / Suggesting / Viewing switch. */
import { For, type Accessor } from 'solid-js';
import { MODE_LABELS, type EditMode } from './mode';

export function ModeSwitch(props: { mode: Accessor<EditMode>; modes: Accessor<EditMode[]>; choose: (mode: EditMode) => void }) {
  return (
    <label class="mode-switch" title="Editing changes the text; Suggesting proposes changes others accept or reject; Viewing only reads">
      <span class="visually-hidden">Mode</span>
      <select
        aria-label="Mode"
        value={props.mode()}
        disabled={props.modes().length < 2}
        onChange={(event) => props.choose(event.currentTarget.value as EditMode)}
      >
        <For each={props.modes()}>{(mode) => <option value={mode}>{MODE_LABELS[mode]}</option>}</For>
      </select>
    </label>
  );
}
