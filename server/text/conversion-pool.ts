/**
 * Imports and exports on worker threads (piscina), so a slow or hostile file never holds the event
 * loop that relays every document. Each thread has a heap limit and each conversion a deadline;
 * a thread that runs out of either is ended by piscina and replaced, and only that conversion
 * fails. Threads start on demand and exit when idle, so an idle pool holds no memory.
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ConversionReply, ConversionRequest, ConversionTask, ImportedFile } from './conversion-protocol.js';
import type { ExportImages } from './figures.js';
import type { ExportReview } from './export-review.js';
import type { ExportedFile, ExportFormat, ImportKind, Importer } from './convert.js';
import { ConversionUnavailableError, ImportError } from './errors.js';
import { conversionLimits } from './limits.js';

export interface ConversionPoolOptions {
  maxThreads: number;
  /** Old-generation heap of each thread (V8 resourceLimits). */
  heapMb: number;
  /** Deadline of one conversion, from the moment a thread starts it (the queue itself is bounded by maxQueue). */
  timeoutMs: number;
  /** Conversions allowed to wait for a thread; more are refused at once. */
  maxQueue: number;
  /** How long an idle thread lives before it exits. */
  idleTimeoutMs: number;
}

/** Converts off the event loop; close() ends the threads. */
export interface ConversionPool {
  /** An uploaded file as a new document's update and title. Throws ImportError or ConversionUnavailableError. */
  importFile(kind: ImportKind, bytes: Uint8Array, docId?: string, importer?: Importer): Promise<ImportedFile>;
  /** A document's encoded state as an export file. Throws ConversionUnavailableError. */
  exportFile(state: Uint8Array, format: ExportFormat, title: string, images?: ExportImages, review?: ExportReview): Promise<ExportedFile>;
  /** A document's encoded state as plain text (search indexing). Throws ConversionUnavailableError. */
  plainText(state: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

/**
 * The thread entry beside this module: the compiled server runs conversion-worker.js itself; from
 * TypeScript sources a small ES module registers tsx in the thread first.
 */
function workerEntry(): string {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './conversion-worker.js' : './conversion-worker-source.mjs', import.meta.url).href;
}

/** Piscina has no error codes for these; its messages are stable API in practice (errors.ts there). */
const QUEUE_FULL = /task queue is at limit|no task queue available/i;

function isOutOfMemory(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function createConversionPool(overrides: Partial<ConversionPoolOptions> = {}): ConversionPool {
  const options: ConversionPoolOptions = {
    maxThreads: conversionLimits.maxThreads,
    heapMb: conversionLimits.workerHeapMb,
    timeoutMs: conversionLimits.conversionTimeoutMs,
    maxQueue: conversionLimits.maxQueuedConversions,
    idleTimeoutMs: 30_000,
    ...overrides,
  };
  const pool = new Piscina<ConversionTask, ConversionReply>({
    filename: workerEntry(),
    minThreads: 0,
    maxThreads: options.maxThreads,
    maxQueue: options.maxQueue,
    idleTimeout: options.idleTimeoutMs,
    concurrentTasksPerWorker: 1,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
  });

  /** Runs one task; resource failures are the caller's to describe (`unavailable`). */
  const run = async (
    request: ConversionRequest,
    transfer: ArrayBuffer,
    unavailable: (why: 'memory' | 'time') => Error,
  ): Promise<ConversionReply> => {
    if (pool.queueSize >= options.maxQueue) throw new ConversionUnavailableError('Every conversion thread is busy; try again shortly.');
    // The deadline starts when a thread takes the task: a cold thread's start-up is not the file's fault.
    const { port1: started, port2: startedInWorker } = new MessageChannel();
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    started.once('message', () => {
      timer = setTimeout(() => deadline.abort(new Error('conversion deadline')), options.timeoutMs);
    });
    try {
      return await pool.run({ ...request, started: startedInWorker } satisfies ConversionTask, { signal: deadline.signal, transferList: [transfer, startedInWorker] });
    } catch (error) {
      if (error instanceof Error && QUEUE_FULL.test(error.message)) {
        throw new ConversionUnavailableError('Every conversion thread is busy; try again shortly.', { cause: error });
      }
      if (isOutOfMemory(error)) throw Object.assign(unavailable('memory'), { cause: error });
      if (isTimeout(error)) throw Object.assign(unavailable('time'), { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
      started.close();
    }
  };

  return {
    async importFile(kind, bytes, docId, importer) {
      // A private copy moves to the thread without a second copy there; the caller keeps its bytes.
      const copy = bytes.slice();
      const reply = await run({ op: 'import', kind, bytes: copy, docId, importer }, copy.buffer, (why) =>
        new ImportError('too-large', why === 'memory' ? 'The file needs more memory to convert than an import may use.' : 'The file takes too long to convert; it is too large or complex to import.'),
      );
      if (!reply.ok) throw new ImportError(reply.code, reply.message, { cause: reply.detail });
      if (reply.op !== 'import') throw new Error('conversion thread answered an import with an export');
      return reply.imported;
    },
    async exportFile(state, format, title, images = {}, review) {
      const copy = state.slice();
      const reply = await run({ op: 'export', format, state: copy, title, images, review }, copy.buffer, (why) =>
        new ConversionUnavailableError(why === 'memory' ? 'The export needed more memory than a conversion may use.' : 'The export took too long.'),
      );
      if (!reply.ok || reply.op !== 'export') throw new Error('conversion thread failed to export');
      return reply.file;
    },
    async plainText(state) {
      const copy = state.slice();
      const reply = await run({ op: 'text', state: copy }, copy.buffer, (why) =>
        new ConversionUnavailableError(why === 'memory' ? 'Reading the text needed more memory than a conversion may use.' : 'Reading the text took too long.'),
      );
      if (!reply.ok || reply.op !== 'text') throw new Error('conversion thread failed to read the text');
      return reply.text;
    },
    close: () => pool.destroy(),
  };
}
