/** Random identifiers made in the browser. */

/** A new document ID: 16 URL-safe characters (96 random bits), valid for isValidDocId. */
export function randomDocId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}
