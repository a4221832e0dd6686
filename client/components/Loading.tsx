/** A calm loading placeholder, announced to screen readers. */
export function Loading(props: { label?: string }) {
  return (
    <p class="loading muted" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? 'Loading…'}
    </p>
  );
}
