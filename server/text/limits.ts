/**
 * Limits on what one import or export may cost. An uploaded file is untrusted and small on the wire
 * but can describe something huge (a 7 KB .docx held 1.6 MB of repeated XML and became a 2 MB
 * document after seconds of work), so each stage is capped before the next one starts, and the whole
 * conversion runs on a worker thread with its own memory limit and deadline (conversion-pool.ts).
 * Each limit says which attack it stops.
 */
const MiB = 1024 * 1024;

export const conversionLimits = {
  /** Upload size (Markdown or DOCX), checked before the body is read: stops memory use by the upload itself. */
  maxFileBytes: 10 * MiB,
  /** Entries in a .docx's central directory (Word writes 10–40, more with images): stops archives of millions of empty entries. */
  maxZipEntries: 2000,
  /**
   * Bytes one XML part of a .docx may inflate to, counted while inflating (declared sizes can lie):
   * stops zip bombs. Word's own document.xml for a 300-page report is a few megabytes.
   */
  maxZipPartBytes: 16 * MiB,
  /** Inflated bytes of all XML parts together: stops many parts each just under the per-part cap. */
  maxZipTotalBytes: 32 * MiB,
  /**
   * Nodes (blocks, text runs, formulas) in an imported document; for DOCX also the paragraphs and
   * cells counted in the XML before it is parsed. Stops a small file from becoming a document that
   * every collaborator's browser must load (30,000 repeated paragraphs took seconds to build and
   * hundreds of megabytes). A 300-page report has well under 30,000.
   */
  maxDocumentNodes: 30_000,
  /**
   * Paragraphs and table cells in a .docx's XML, counted before it is parsed (each paragraph with
   * text makes two nodes): refuses the 7 KB file of 30,000 repeated paragraphs in milliseconds
   * instead of after seconds of parsing.
   */
  maxDocxBlocks: 15_000,
  /**
   * Word comments in a .docx (each becomes a thread or a reply every collaborator loads), counted
   * before they are read: stops a small file of a million empty comments. A heavily reviewed
   * thesis has a few hundred.
   */
  maxDocxComments: 2_000,
  /** Nesting depth of an imported document (Word lists nest 9 deep): stops stack overflows in every later reader. */
  maxDocumentDepth: 48,
  /** Yjs update of an imported document, the frame limit of the relay: stops one import from outweighing any edit a client could send. */
  maxUpdateBytes: 8 * MiB,
  /**
   * Container nesting (quotes, list items) of a Markdown line, estimated before parsing: stops
   * `'>'.repeat(5000)`, which overflowed the parser's stack, and deep lists, whose parse is quadratic.
   */
  maxMarkdownNesting: 32,
  /**
   * Inline nesting (emphasis, strike-through, link brackets) in one Markdown paragraph, estimated
   * before parsing: stops `'*a '.repeat(2000)`, on which the parser spent 55 s.
   */
  maxMarkdownInlineNesting: 64,
  /** Heap of one conversion thread: stops a file that slips past the caps from taking the server's memory. */
  workerHeapMb: 512,
  /** Wall time of one conversion: stops a file that is slow to convert from holding a thread. */
  conversionTimeoutMs: 30_000,
  /** Conversion threads (the machine has few cores; the relay keeps the main thread). */
  maxThreads: 2,
  /** Conversions waiting for a thread before new ones are refused with 503: stops a queue that outlives its callers. */
  maxQueuedConversions: 32,
} as const;
