/**
 * Worker-thread side of the conversion pool: runs one import, export or plain-text extraction per task, with the heap
 * limit and deadline the pool gives the thread. Refused input comes back as a value; anything
 * else thrown (a stack overflow on input the caps did not foresee) counts as unreadable input,
 * never as a server fault, since the input is the only thing that varies here.
 */
import type { ConversionReply, ConversionTask } from './conversion-protocol.js';
import { exportDocument, importDocument } from './convert.js';
import { toPlainText } from './plain.js';
import { docToJson } from './ydoc.js';
import { ImportError } from './errors.js';

export default async function convert(task: ConversionTask): Promise<ConversionReply> {
  task.started.postMessage('started');
  task.started.close();
  if (task.op === 'text') return { ok: true, op: 'text', text: toPlainText(docToJson(task.state)) };
  if (task.op === 'export') {
    return { ok: true, op: 'export', file: await exportDocument(task.state, task.format, task.title, task.images, task.review) };
  }
  try {
    const { update, title, images, comments } = await importDocument(task.kind, task.bytes, task.docId, task.importer);
    return { ok: true, op: 'import', imported: { update, title, images, comments } };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, code: error.code, message: error.message };
    const detail = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError && /call stack/i.test(detail)) {
      return { ok: false, code: 'too-deep', message: 'The file is nested too deeply to import.', detail };
    }
    return { ok: false, code: 'unreadable', message: 'The file could not be read as a document.', detail };
  }
}
