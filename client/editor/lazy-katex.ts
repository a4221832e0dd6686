/**
 * Stands in for `katex` in the client bundle (see vite.config.ts). TipTap's math node views call
 * `katex.render` synchronously; this shows the LaTeX source at once and typesets it when KaTeX and its
 * stylesheet (about 75 KB gzip) have loaded, so documents without math never download them.
 */
import type { KatexOptions } from 'katex';

function load() {
  // The module system caches both imports: later calls resolve immediately.
  return Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([module]) => module.default);
}

function render(latex: string, element: HTMLElement, options?: KatexOptions): void {
  element.textContent = latex;
  load().then(
    (katex) => {
      // A node view may have re-rendered meanwhile; only the latest source may typeset.
      if (element.textContent !== latex) return;
      try {
        katex.render(latex, element, options);
      } catch {
        element.textContent = latex;
        element.classList.add('math-error');
      }
    },
    (error: unknown) => console.warn('KaTeX failed to load; showing LaTeX source', error),
  );
}

export default { render };
