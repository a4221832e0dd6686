/**
 * The name of the Yjs XmlFragment that holds a document's rich text. Its own module, free of TipTap,
 * so server code that reads Yjs data directly (the suggestion guard, notifications) can name it
 * without loading the editor schema at start-up (test/operations/startup-imports.test.ts).
 */
export const DOCUMENT_FRAGMENT = 'default';
