/**
 * The allow-list every exported HTML body passes through (sanitize-html), after it was already
 * rendered from the schema: defence in depth, so a schema or extension change cannot start
 * emitting scripts, event handlers or unsafe URLs without this list changing too.
 */
import sanitizeHtml from 'sanitize-html';
import { isFigureSrc } from '../../shared/editor/figure-src.js';
import { SAFE_LINK_SCHEMES } from '../../shared/editor/links.js';

/** MathML that KaTeX emits (output: 'mathml'). */
const MATHML_TAGS = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub',
  'msubsup', 'mfrac', 'msqrt', 'mroot', 'munder', 'mover', 'munderover', 'mtable', 'mtr', 'mtd',
  'mlabeledtr', 'mpadded', 'mphantom', 'mstyle', 'menclose',
];
const MATHML_ATTRIBUTES = [
  'xmlns', 'display', 'encoding', 'mathvariant', 'stretchy', 'fence', 'separator', 'lspace', 'rspace',
  'width', 'height', 'depth', 'voffset', 'displaystyle', 'scriptlevel', 'columnalign', 'rowspacing',
  'columnspacing', 'columnlines', 'rowlines', 'accent', 'accentunder', 'linethickness', 'minsize',
  'maxsize', 'movablelimits', 'notation', 'symmetric', 'largeop', 'mathcolor', 'mathbackground',
];

/** The attribute that says a block's suggestion kind (shared/editor/block-suggestion.ts). */
const BLOCK = 'data-block-suggestion';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'strong', 'em', 's', 'u', 'code', 'pre', 'a',
    'blockquote', 'hr', 'ul', 'ol', 'li', 'label', 'input', 'span', 'div', 'table', 'colgroup', 'col',
    'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'img', ...MATHML_TAGS,
    // Suggestions, in an export that asks for them marked (their ids, which name users, are dropped).
    'ins', 'del',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target', 'data-type', 'data-figure-id'],
    // Not `loading=lazy`: an export's images are inside it, and a lazy one might not be printed to PDF.
    figure: ['id', 'data-figure-id'], img: ['src', 'alt'],
    // A block suggestion's kind, in an export that asks for suggestions marked (its id, data-suggestion, is dropped).
    h1: ['data-word-limit', BLOCK], h2: ['data-word-limit', BLOCK], h3: ['data-word-limit', BLOCK],
    h4: ['data-word-limit', BLOCK], h5: ['data-word-limit', BLOCK], h6: ['data-word-limit', BLOCK],
    ul: ['data-type', BLOCK], ol: ['start', 'type', BLOCK], li: ['data-type', 'data-checked', BLOCK],
    input: ['type', 'checked', 'disabled'],
    span: ['data-type', 'data-latex', 'class'], div: ['data-type', 'data-latex', BLOCK],
    code: ['class'], th: ['colspan', 'rowspan', BLOCK], td: ['colspan', 'rowspan', BLOCK],
    p: [BLOCK], pre: [BLOCK], blockquote: [BLOCK], hr: [BLOCK], table: [BLOCK], tr: [BLOCK],
    ...Object.fromEntries(MATHML_TAGS.map((tag) => [tag, MATHML_ATTRIBUTES])),
  },
  allowedClasses: { code: [/^language-[\w+-]+$/], span: ['katex', 'katex-error', 'figure-label'] },
  allowedSchemes: [...SAFE_LINK_SCHEMES],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Only checkboxes exist in exported HTML (task items); any other input is dropped.
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
  // An image may only show a stored file of the document (inlined afterwards, text/figures.ts).
  transformTags: {
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return { tagName, attribs: isFigureSrc(src) ? { src, ...rest } : rest };
    },
  },
  disallowedTagsMode: 'discard',
};

/** The HTML with everything outside the export allow-list removed. */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
