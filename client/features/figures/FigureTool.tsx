/**
 * The toolbar's figure controls, for those who may write: "Image" picks image files and adds each as a
 * figure at the caret, and "Refer to…" inserts a cross-reference ("Figure 2") to one of the figures,
 * which renumbers itself when figures move.
 */
import type { Editor } from '@tiptap/core';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { figureNumbers } from '../../../shared/editor/figure.js';
import type { DocumentContext } from '../../editor/document-plugins';
import { readyEditor } from '../../editor/ready';
import { imageFiles, insertImages } from './insert';
import './figures.css';

interface FigureEntry {
  id: string;
  label: string;
}

/** The figures of the document, numbered, with the start of their captions. */
function figuresOf(editor: Editor): FigureEntry[] {
  const found: Array<{ id: string; caption: string }> = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === 'figure' && typeof node.attrs.id === 'string') found.push({ id: node.attrs.id, caption: node.textContent });
    return node.type.name !== 'figure';
  });
  const numbers = figureNumbers(found.map((f) => f.id));
  const seen = new Set<string>();
  return found.filter((f) => !seen.has(f.id) && seen.add(f.id)).map((f) => ({ id: f.id, label: `Figure ${numbers.get(f.id)}${f.caption ? `: ${f.caption.slice(0, 40)}` : ''}` }));
}

function FigureControls(props: { editor: Editor; docId: string }) {
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  // Held once: reading props.editor again in the cleanup would be a stale read of the <Show> that is
  // unmounting us (a demoted editor), which throws and stops the page from following the new role.
  const editor = props.editor;
  const [figures, setFigures] = createSignal<FigureEntry[]>(figuresOf(editor));
  const refresh = () => setFigures(figuresOf(editor));
  editor.on('update', refresh);
  onCleanup(() => editor.off('update', refresh));
  let input!: HTMLInputElement;

  const picked = async () => {
    const files = imageFiles(input.files);
    input.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setError('');
    const errors = await insertImages(editor, props.docId, files);
    setBusy(false);
    setError(errors.join(' '));
  };
  const refer = (target: string) => {
    if (!target) return;
    editor.chain().focus().insertContent({ type: 'figureRef', attrs: { target } }).run();
  };

  return (
    <span class="figure-tool">
      <input ref={input} type="file" accept="image/png,image/jpeg,image/gif,image/webp" multiple hidden aria-hidden="true" tabIndex={-1} onChange={() => void picked()} />
      <button type="button" class="ghost small" disabled={busy()} onClick={() => input.click()}>
        {busy() ? 'Uploading…' : 'Image'}
      </button>
      <Show when={figures().length > 0}>
        <select
          class="figure-ref-picker small"
          aria-label="Refer to a figure"
          onChange={(event) => {
            refer(event.currentTarget.value);
            event.currentTarget.value = '';
          }}
        >
          <option value="">Refer to…</option>
          <For each={figures()}>{(figure) => <option value={figure.id}>{figure.label}</option>}</For>
        </select>
      </Show>
      <Show when={error()}>
        <span class="figure-error" role="alert">{error()}</span>
      </Show>
    </span>
  );
}

/** The toolbar tool: for editors and owners, once the document is ready. */
export function FigureTool(props: { context: DocumentContext }) {
  return (
    <Show when={!props.context.readOnly() && readyEditor(props.context)}>
      {(editor) => <FigureControls editor={editor()} docId={props.context.docId} />}
    </Show>
  );
}
