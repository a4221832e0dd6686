/** Says why the text cannot be edited, and what to do about it. */
import type { Role } from '../../../shared/roles.js';

export function ReadOnlyNotice(props: { role: Role; workspaceName: string }) {
  return (
    <p class="notice-info read-only-notice" role="note">
      <strong>Read only.</strong>{' '}
      {props.role === 'commenter'
        ? `You are a commenter in ${props.workspaceName}: you can read and comment, but not change the text.`
        : `You are a viewer in ${props.workspaceName}: you can read this document, but not change it.`}{' '}
      Ask an owner of the working group to make you an editor.
    </p>
  );
}
