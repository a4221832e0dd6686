/**
 * "New document": a modal dialog (native <dialog>, so focus is trapped and Escape closes it) with a
 * title and the templates from shared/templates. The server seeds the chosen template.
 */
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { TemplateId } from '../../../shared/templates/catalog.js';
import { templates } from '../../../shared/templates/catalog.js';
import { ApiError } from '../../lib/api';
import { documentsApi } from './api';

export interface TemplatePickerProps {
  workspaceId: string;
  /** Label of the button that opens the dialog. */
  label?: string;
}

/** A button that opens the dialog; creating navigates to the new document. */
export function TemplatePicker(props: TemplatePickerProps) {
  const navigate = useNavigate();
  let dialog: HTMLDialogElement | undefined;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const open = () => {
    setError(null);
    dialog?.showModal();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const template = String(data.get('template') ?? 'blank') as TemplateId;
    const picked = templates.find((t) => t.id === template);
    const title = String(data.get('title') ?? '').trim() || (template === 'blank' ? 'Untitled document' : (picked?.title ?? 'Untitled document'));
    setBusy(true);
    setError(null);
    try {
      const { document } = await documentsApi.create(props.workspaceId, { title, template });
      dialog?.close();
      navigate(`/d/${document.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fields.title ?? caught.message) : 'Could not create the document.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="primary" onClick={open}>
        {props.label ?? 'New document'}
      </button>
      <dialog ref={dialog} class="template-dialog" aria-labelledby="template-dialog-title">
        <form method="dialog" class="form" onSubmit={(event) => void submit(event)}>
          <h2 id="template-dialog-title">New document</h2>
          <label>
            Title
            <input name="title" maxLength={200} placeholder="Untitled document" autofocus />
          </label>
          <fieldset class="template-options">
            <legend>Start from</legend>
            <For each={templates}>
              {(template, index) => (
                <label class="template-option">
                  <input type="radio" name="template" value={template.id} checked={index() === 0} />
                  <span>
                    <strong>{template.title}</strong>
                    <span class="muted">{template.description}</span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
          <Show when={error()}>
            {(message) => (
              <p class="form-error" role="alert">
                {message()}
              </p>
            )}
          </Show>
          <div class="actions end">
            <button type="button" onClick={() => dialog?.close()}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={busy()}>
              {busy() ? 'Creating…' : 'Create document'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
