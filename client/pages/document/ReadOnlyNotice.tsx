/** Says why the text cannot be edited, and what to do about it. */
import type { Role } from '../../../shared/roles.js';

export function ReadOnlyNotice(props: { role: Role; workspaceName: string; guest?: boolean }) {
  return props.guest ? (
    <p class="notice-info read-only-notice" role="note">
      <strong>Read only.</strong> This document was shared with you as a {props.role}:{' '}
      {props.role === 'commenter' ? 'you can read and comment, but not change the text.' : 'you can read it, but not change it.'} Ask whoever
      shared it to make you an editor.
    </p>
  ) : (
    <p class="notice-info read-only-notice" role="note">
      <strong>Read only.</strong>{' '}
      {props.role === 'commenter'
        ? `You are a commenter in ${props.workspaceName}: you can read and comment, but not change the text.`
        : `You are a viewer in ${props.workspaceName}: you can read this document, but not change it.`}{' '}
      Ask an owner of the working group to make you an editor.
    </p>
  );
}
