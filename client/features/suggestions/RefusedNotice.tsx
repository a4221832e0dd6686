/**
 * The server closed the socket with 4403 (a change it does not accept, or access gone). Stock
 * y-websocket never reconnects after that, so say so and offer the reload that recovers the page.
 */
export function RefusedNotice(props: { message: string }) {
  return (
    <div class="refused-backdrop">
      <div class="refused-notice" role="alertdialog" aria-modal="true" aria-labelledby="refused-title" aria-describedby="refused-text">
        <h2 id="refused-title">This page stopped syncing</h2>
        <p id="refused-text">
          The server did not accept a change from this page{props.message ? ` (${props.message})` : ''}. Nothing was saved from it; reload to continue
          with the current document.
        </p>
        <button type="button" class="primary" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    </div>
  );
}
