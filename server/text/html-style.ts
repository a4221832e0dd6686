/** The stylesheet embedded in exported HTML pages: readable on screen, clean on paper (print to PDF). */
export const printStylesheet = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 16px/1.6 Georgia, 'Times New Roman', serif; }
.confer-document { max-width: 44rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, sans-serif; line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; } h3 { font-size: 1.2rem; }
[data-word-limit]::after { content: ' (max ' attr(data-word-limit) ' words)'; font-size: 0.7em; font-weight: normal; color: #666; }
a { color: #0b57d0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; }
pre { background: #f6f6f6; padding: 0.75rem 1rem; overflow-x: auto; white-space: pre-wrap; }
pre code { background: none; padding: 0; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 0.35em 0.6em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td p, th p { margin: 0; }
ul[data-type="taskList"] { list-style: none; padding-left: 0.2em; }
li[data-type="taskItem"] { display: flex; gap: 0.5em; align-items: baseline; }
li[data-type="taskItem"] > div > p { margin: 0; }
div[data-type="block-math"] { margin: 1em 0; overflow-x: auto; }
hr { border: 0; border-top: 1px solid #ccc; margin: 2em 0; }
ins { color: #1a7f37; text-decoration: underline; }
del { color: #b42318; text-decoration: line-through; }
[data-block-suggestion="insertion"] { border-left: 3px solid #1a7f37; padding-left: 0.5em; }
[data-block-suggestion="deletion"] { border-left: 3px solid #b42318; padding-left: 0.5em; }
[data-block-suggestion="type"] { border-left: 3px dashed #9a6700; padding-left: 0.5em; }
figure { margin: 1.5em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.92em; margin-top: 0.4em; }
.figure-label { font-weight: bold; }
a[data-type="figure-ref"] { color: inherit; text-decoration: none; }
@page { margin: 2cm; }
@media print {
  body { font-size: 11pt; }
  .confer-document { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  a[href^="http"]::after { content: ' (' attr(href) ')'; font-size: 0.85em; color: #555; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  table, pre, blockquote, figure, div[data-type="block-math"] { break-inside: avoid; }
}
`.trim();
