/**
 * "Are you sure?" as a styled, accessible dialog instead of window.confirm(): an alertdialog that
 * names the action on its button. Focus starts on Cancel, so Enter on a stray key press does nothing
 * harmful; Escape and the backdrop cancel.
 */
import type { JSX } from 'solid-js';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** The button that does it: "Restore", "Delete". */
  confirmLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  /** While the action runs: both buttons wait. */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: JSX.Element;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog open={props.open} title={props.title} onClose={() => props.onCancel()} role="alertdialog" hideClose>
      <div class="confirm-message">{props.children}</div>
      <div class="actions confirm-actions">
        <button type="button" autofocus disabled={props.busy} onClick={() => props.onCancel()}>
          Cancel
        </button>
        <button type="button" class={props.danger ? 'danger' : 'primary'} disabled={props.busy} onClick={() => props.onConfirm()}>
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
