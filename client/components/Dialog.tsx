/**
 * A modal dialog on the native <dialog> element: showModal() puts it in the top layer (above side
 * panels and their overflow), makes the page behind it inert, keeps focus inside and closes on Escape.
 * The `open` prop is the one source of truth: Escape, the close button and a click on the backdrop ask
 * `onClose`, and focus goes back to whatever opened the dialog. The content exists only while open, so
 * whatever it creates (an editor, a request) is created on opening and destroyed on closing.
 */
import { createUniqueId, onCleanup, onMount, Show, type JSX } from 'solid-js';
import './dialog.css';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  /** "full": nearly the whole window, for reading (a version, a comparison); "small" (default): a question. */
  size?: 'small' | 'full';
  /** Controls beside the title, e.g. "Restore this version". */
  actions?: JSX.Element;
  /** Hides the × button (a confirmation answers with its own buttons). */
  hideClose?: boolean;
  /** For the dialog's role: "alertdialog" when it asks before something happens. */
  role?: 'dialog' | 'alertdialog';
  children: JSX.Element;
}

export function Dialog(props: DialogProps) {
  return (
    <Show when={props.open}>
      <OpenDialog {...props} />
    </Show>
  );
}

function OpenDialog(props: DialogProps) {
  let element: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  // Where focus was when the dialog opened, to give it back on closing.
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  onMount(() => element?.showModal());
  onCleanup(() => {
    if (element?.open) element.close();
    if (opener?.isConnected) opener.focus();
  });
  return (
    <dialog
      ref={element}
      class={`dialog dialog-${props.size ?? 'small'}`}
      role={props.role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the owner decides, so `open` stays the truth.
        event.preventDefault();
        props.onClose();
      }}
      onClick={(event) => {
        // The dialog element itself is only hit on its backdrop: the content fills it.
        if (event.target === element) props.onClose();
      }}
    >
      <div class="dialog-frame">
        <header class="dialog-head">
          <h2 id={titleId} class="dialog-title">
            {props.title}
          </h2>
          <div class="dialog-actions">
            {props.actions}
            <Show when={!props.hideClose}>
              <button type="button" class="ghost small dialog-close" aria-label="Close" onClick={() => props.onClose()}>
                ×
              </button>
            </Show>
          </div>
        </header>
        <div class="dialog-body">{props.children}</div>
      </div>
    </dialog>
  );
}
