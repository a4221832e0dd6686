/**
 * The small forms the toolbar opens under itself: a link address, or a formula in LaTeX. Inline rather
 * than floating, so they work the same with a keyboard, a screen reader and a 375 px screen.
 */
import type { Editor } from '@tiptap/core';
import { createSignal, Match, onMount, Show, Switch } from 'solid-js';

/** Which form is open. */
export type ToolPanel = { kind: 'link' } | { kind: 'math'; mode: 'inline' | 'block'; latex: string; pos?: number };

export interface ToolPanelsProps {
  editor: Editor;
  panel: ToolPanel;
  close: () => void;
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Adds a scheme when the user typed a bare address ("example.org" → "https://example.org"). */
export function normaliseLink(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  if (SAFE_LINK.test(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return null; // javascript:, data: and other schemes are refused
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return `mailto:${value}`;
  return `https://${value}`;
}

function LinkForm(props: ToolPanelsProps) {
  let input: HTMLInputElement | undefined;
  const [error, setError] = createSignal<string | null>(null);
  const existing = String(props.editor.getAttributes('link').href ?? '');
  onMount(() => input?.focus());
  const finish = () => {
    props.close();
    props.editor.commands.focus();
  };
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const href = normaliseLink(input?.value ?? '');
    if (!href) return setError('Enter a web address (https://…) or an email address.');
    const chain = props.editor.chain().focus().extendMarkRange('link');
    // With nothing selected, insert the address itself as the link text.
    if (props.editor.state.selection.empty && !props.editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: href.replace(/^mailto:/, ''), marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain.setLink({ href }).run();
    }
    props.close();
  };
  return (
    <form class="tool-panel" onSubmit={apply} onKeyDown={(e) => e.key === 'Escape' && finish()} aria-label="Link">
      <label class="grow">
        Link address
        <input ref={input} type="text" inputMode="url" value={existing} placeholder="https://example.org" aria-invalid={error() ? true : undefined} />
      </label>
      <button type="submit" class="primary small">
        Apply
      </button>
      <Show when={existing}>
        <button
          type="button"
          class="small"
          onClick={() => {
            props.editor.chain().focus().extendMarkRange('link').unsetLink().run();
            props.close();
          }}
        >
          Remove link
        </button>
      </Show>
      <button type="button" class="ghost small" onClick={finish}>
        Cancel
      </button>
      <Show when={error()}>{(m) => <p class="form-error full">{m()}</p>}</Show>
    </form>
  );
}

function MathForm(props: ToolPanelsProps & { panel: Extract<ToolPanel, { kind: 'math' }> }) {
  let input: HTMLInputElement | undefined;
  const [mode, setMode] = createSignal(props.panel.mode);
  const editing = props.panel.pos !== undefined;
  onMount(() => input?.focus());
  const finish = () => {
    props.close();
    props.editor.commands.focus();
  };
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const latex = (input?.value ?? '').trim();
    const pos = props.panel.pos;
    const chain = props.editor.chain().focus();
    if (pos !== undefined) {
      if (!latex) (mode() === 'inline' ? chain.deleteInlineMath({ pos }) : chain.deleteBlockMath({ pos })).run();
      else (mode() === 'inline' ? chain.updateInlineMath({ latex, pos }) : chain.updateBlockMath({ latex, pos })).run();
    } else if (latex) {
      (mode() === 'inline' ? chain.insertInlineMath({ latex }) : chain.insertBlockMath({ latex })).run();
    }
    props.close();
  };
  return (
    <form class="tool-panel" onSubmit={apply} onKeyDown={(e) => e.key === 'Escape' && finish()} aria-label="Formula">
      <label class="grow">
        Formula (LaTeX)
        <input ref={input} type="text" value={props.panel.latex} placeholder="e.g. E = mc^2" spellcheck={false} />
      </label>
      <Show when={!editing}>
        <label class="inline-label">
          <input type="checkbox" checked={mode() === 'block'} onChange={(e) => setMode(e.currentTarget.checked ? 'block' : 'inline')} />
          On its own line
        </label>
      </Show>
      <button type="submit" class="primary small">
        {editing ? 'Update' : 'Insert'}
      </button>
      <button type="button" class="ghost small" onClick={finish}>
        Cancel
      </button>
      <Show when={editing}>
        <p class="hint full">Leave it empty and press Update to remove the formula.</p>
      </Show>
    </form>
  );
}

/** The open form, if any. */
export function ToolPanels(props: ToolPanelsProps) {
  return (
    <Switch>
      <Match when={props.panel.kind === 'link'}>
        <LinkForm {...props} />
      </Match>
      <Match when={props.panel.kind === 'math' && props.panel}>
        {(panel) => <MathForm editor={props.editor} close={props.close} panel={panel() as Extract<ToolPanel, { kind: 'math' }>} />}
      </Match>
    </Switch>
  );
}
