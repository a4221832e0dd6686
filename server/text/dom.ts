/**
 * A throwaway server-side DOM (happy-dom, as @tiptap/html/server uses) for rendering and parsing
 * HTML with the schema. Scripts, external files and frames are off, and the window is closed on
 * every path so nothing outlives the call.
 */
import { Window } from 'happy-dom';

/** Runs `use` with a fresh window and closes it afterwards. */
function withWindow<T>(use: (window: Window) => T): T {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  try {
    return use(window);
  } finally {
    void window.happyDOM.abort();
    void window.happyDOM.close();
  }
}

// happy-dom's nodes implement the DOM interfaces that ProseMirror's serializer and parser use;
// the casts below only bridge its class names to lib.dom's.

/** Runs `use` with an empty document (for serialising). */
export function withDocument<T>(use: (document: Document) => T): T {
  return withWindow((window) => use(window.document as unknown as Document));
}

/** Parses `html` into a fresh document and hands its body to `use`. */
export function withParsedBody<T>(html: string, use: (body: HTMLElement, document: Document) => T): T {
  return withWindow((window) => {
    const parsed = new window.DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
    return use(parsed.body as unknown as HTMLElement, parsed as unknown as Document);
  });
}
