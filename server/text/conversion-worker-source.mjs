// Entry of a conversion thread when the server runs from its TypeScript sources (tsx, vitest): a
// worker does not inherit the parent's loader, so register tsx here, then load the real entry.
// The compiled server starts conversion-worker.js directly and never loads this file.
/* global URL */
import { register } from 'tsx/esm/api';

register();
const { default: convert } = await import(new URL('./conversion-worker.ts', import.meta.url).href);
export default convert;
