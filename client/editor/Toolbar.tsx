/**
 * The formatting toolbar: labelled buttons (name and shortcut in the tooltip and accessible name),
 * pressed states from the editor, arrow keys to move between controls, and a slot for tools mounted
 * by other features (comments, history, export).
 *
 * On a phone only the most used controls stay in the bar; the rest, and every feature's tool, wait
 * behind "More" (a disclosure that opens them as rows under the bar), so nothing needs sideways
 * scrolling. Whatever a feature puts in the slot joins the overflow without knowing about it; a
 * status chip that should stay in view (a deadline) carries the class `tool-status` (editor.css).
 */
import type { Editor } from '@tiptap/core';
import { createEditorTransaction } from 'solid-tiptap';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { Icon, type IconName } from './icons';
import type { ToolPanel } from './ToolPanels';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

interface Action {
  label: string;
  shortcut?: string;
  /** An icon, or short text drawn in the button (B, I, U…). */
  icon: IconName | { text: string; class: string };
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
  /** Kept in the bar on a phone; every other control waits behind "More". */
  essential?: true;
}

const focus = (editor: Editor) => editor.chain().focus();

export interface ToolbarProps {
  editor: Editor | undefined;
  /** Every formatting control is disabled (the role is not known yet, or the document is in the trash). */
  readOnly: boolean;
  /** Whether the formatting controls are shown at all: not for viewers and commenters, who cannot use them. */
  formatting?: boolean;
  openPanel: (panel: ToolPanel) => void;
  /** Extra controls from other features, placed at the end. */
  children?: JSX.Element;
}

export function Toolbar(props: ToolbarProps) {
  const actions = (): Action[][] => [
    [
      { label: 'Undo', shortcut: `${mod}+Z`, icon: 'undo', run: (e) => focus(e).undo().run(), enabled: (e) => e.can().undo(), essential: true },
      { label: 'Redo', shortcut: `${mod}+Shift+Z`, icon: 'redo', run: (e) => focus(e).redo().run(), enabled: (e) => e.can().redo(), essential: true },
    ],
    [
      { label: 'Bold', shortcut: `${mod}+B`, icon: { text: 'B', class: 'b' }, run: (e) => focus(e).toggleBold().run(), active: (e) => e.isActive('bold'), essential: true },
      { label: 'Italic', shortcut: `${mod}+I`, icon: { text: 'I', class: 'i' }, run: (e) => focus(e).toggleItalic().run(), active: (e) => e.isActive('italic'), essential: true },
      { label: 'Underline', shortcut: `${mod}+U`, icon: { text: 'U', class: 'u' }, run: (e) => focus(e).toggleUnderline().run(), active: (e) => e.isActive('underline') },
      { label: 'Strikethrough', shortcut: `${mod}+Shift+S`, icon: { text: 'S', class: 's' }, run: (e) => focus(e).toggleStrike().run(), active: (e) => e.isActive('strike') },
      { label: 'Code', shortcut: `${mod}+E`, icon: { text: '</>', class: 'code' }, run: (e) => focus(e).toggleCode().run(), active: (e) => e.isActive('code') },
    ],
    [
      { label: 'Bulleted list', shortcut: `${mod}+Shift+8`, icon: 'bullets', run: (e) => focus(e).toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
      { label: 'Numbered list', shortcut: `${mod}+Shift+7`, icon: 'numbers', run: (e) => focus(e).toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
      { label: 'Task list', shortcut: `${mod}+Shift+9`, icon: 'tasks', run: (e) => focus(e).toggleTaskList().run(), active: (e) => e.isActive('taskList') },
      { label: 'Quote', shortcut: `${mod}+Shift+B`, icon: 'quote', run: (e) => focus(e).toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    ],
    [
      { label: 'Link', shortcut: `${mod}+K`, icon: 'link', run: () => props.openPanel({ kind: 'link' }), active: (e) => e.isActive('link') },
      { label: 'Formula', shortcut: `${mod}+Shift+E`, icon: 'math', run: () => props.openPanel({ kind: 'math', mode: 'inline', latex: '' }) },
      {
        label: 'Insert table',
        icon: 'table',
        run: (e) => focus(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        enabled: (e) => e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
      },
    ],
  ];
  const tableActions: Action[] = [
    { label: 'Add row below', icon: 'rowAdd', run: (e) => focus(e).addRowAfter().run() },
    { label: 'Add column right', icon: 'colAdd', run: (e) => focus(e).addColumnAfter().run() },
    { label: 'Delete row', icon: 'rowDel', run: (e) => focus(e).deleteRow().run() },
    { label: 'Delete column', icon: 'colDel', run: (e) => focus(e).deleteColumn().run() },
    { label: 'Delete table', icon: 'trash', run: (e) => focus(e).deleteTable().run() },
  ];

  // Re-read after every transaction: pressed states, undo availability, the block type, being in a table.
  const state = createEditorTransaction(
    () => props.editor,
    (editor) => {
      if (!editor) return null;
      const block = editor.isActive('heading', { level: 1 }) ? 'h1' : editor.isActive('heading', { level: 2 }) ? 'h2' : editor.isActive('heading', { level: 3 }) ? 'h3' : 'p';
      return { editor, block, inTable: editor.isActive('table'), tick: editor.state };
    },
  );

  const setBlock = (value: string) => {
    const editor = props.editor;
    if (!editor) return;
    if (value === 'p') focus(editor).setParagraph().run();
    else focus(editor).setHeading({ level: Number(value.slice(1)) as 1 | 2 | 3 }).run();
  };

  // Arrow keys move between the toolbar's controls (the WAI-ARIA toolbar pattern); Tab still works too.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    if (event.target instanceof HTMLSelectElement && event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const bar = event.currentTarget as HTMLElement;
    // Controls hidden behind a closed "More" are skipped.
    const items = Array.from(bar.querySelectorAll<HTMLElement>('button:not(:disabled), select:not(:disabled)')).filter((item) => item.getClientRects().length > 0);
    const index = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : index + (event.key === 'ArrowRight' ? 1 : -1);
    const target = items[(next + items.length) % items.length];
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };

  const button = (action: Action) => {
    const editor = () => state()?.editor;
    const pressed = () => {
      const e = editor();
      return action.active && e ? action.active(e) : undefined;
    };
    const disabled = () => {
      state();
      const e = editor();
      return props.readOnly || !e || (action.enabled ? !action.enabled(e) : false);
    };
    const title = action.shortcut ? `${action.label} (${action.shortcut})` : action.label;
    return (
      <button
        type="button"
        class="tool"
        classList={{ 'tool-extra': !action.essential }}
        aria-label={action.label}
        aria-keyshortcuts={action.shortcut?.replace('Ctrl', 'Control').replace('⌘', 'Meta')}
        aria-pressed={pressed()}
        title={title}
        disabled={disabled()}
        onClick={() => {
          const e = editor();
          if (e) action.run(e);
        }}
      >
        {typeof action.icon === 'string' ? <Icon name={action.icon} /> : <span class={`glyph ${action.icon.class}`}>{action.icon.text}</span>}
      </button>
    );
  };

  const [moreOpen, setMoreOpen] = createSignal(false);
  const formatting = () => props.formatting !== false;
  return (
    <div class="toolbar" classList={{ 'more-open': moreOpen() }} role="toolbar" aria-label={formatting() ? 'Formatting' : 'Document actions'} aria-disabled={props.readOnly} onKeyDown={onKeyDown}>
      <Show when={formatting()}>
        <label class="visually-hidden" for="block-type">
          Text style
        </label>
        <select id="block-type" class="block-type" value={state()?.block ?? 'p'} disabled={props.readOnly || !state()} onChange={(e) => setBlock(e.currentTarget.value)} title={`Text style (${mod}+Alt+0…3)`}>
          <option value="p">Paragraph</option>
          <option value="h1">Heading 1</option>
          <option value="h2">Heading 2</option>
          <option value="h3">Heading 3</option>
        </select>
        <For each={actions()}>
          {(group) => (
            <span class="tool-group" role="group">
              <For each={group}>{button}</For>
            </span>
          )}
        </For>
        <Show when={state()?.inTable && !props.readOnly}>
          <span class="tool-group" role="group" aria-label="Table">
            <For each={tableActions}>{button}</For>
          </span>
        </Show>
        {/* Shown only on a phone (editor.css); the break puts what it opens on rows of its own. */}
        <button type="button" class="tool-more small ghost" aria-expanded={moreOpen()} onClick={() => setMoreOpen(!moreOpen())}>
          More
        </button>
        <span class="tool-break" aria-hidden="true" />
      </Show>
      <Show when={props.children}>
        <span class="tool-group tool-slot" classList={{ 'tool-extra': formatting() }}>
          {props.children}
        </span>
      </Show>
    </div>
  );
}
