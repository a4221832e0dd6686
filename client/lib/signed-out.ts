/**
 * "The server says this session is over": raised by the API client on a 401 and by the document page
 * on a 4401 close, heard by the app shell, which reads the session again and says "You were signed
 * out". A window event rather than a module-level list of listeners, so no module holds state.
 */

const signedOutEvent = 'confer:signed-out';

/** Tells the app that the server no longer knows this session. */
export function announceSignedOut(): void {
  window.dispatchEvent(new Event(signedOutEvent));
}

/** Calls `handler` whenever the session is found to be over; returns the unsubscribe. */
export function onSignedOut(handler: () => void): () => void {
  window.addEventListener(signedOutEvent, handler);
  return () => window.removeEventListener(signedOutEvent, handler);
}
