/**
 * Escaping for the parts of Markdown that the serialiser writes raw: link destinations and
 * titles, code spans and fences, and math. Without it a link target holding `) [x](javascript:…)`
 * exported as a second, live link, and math or code holding `</math><script>` exported as raw
 * HTML. Each function writes its content so that a CommonMark reader gets back exactly that
 * content and nothing else, and so that no line of it can start a new block.
 */

/** `&` that would start an entity (`&amp;`, `&#106;`): entities are decoded in destinations and titles. */
const ENTITY_START = /&(?=#?[A-Za-z0-9]+;)/g;

/** A link destination: backslash escapes (valid in destinations), `<…>` around one with spaces. */
export function linkDestination(href: string): string {
  // A line ending cannot be written in a destination at all; URLs percent-encode it anyway.
  // eslint-disable-next-line no-control-regex -- control characters are what is encoded here
  const oneLine = href.replace(/[\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c)).replace(ENTITY_START, '\\&');
  return /\s/.test(oneLine) ? `<${oneLine.replace(/[<>\\]/g, '\\$&')}>` : oneLine.replace(/[()<>\\]/g, '\\$&');
}

/** A link title in double quotes, on one line. */
export function linkTitle(title: string): string {
  return `"${title.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\"]/g, '\\$&').replace(ENTITY_START, '\\&')}"`;
}

/** Longest run of `char` in `text`. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  for (const run of text.match(new RegExp(`\\${char}+`, 'g')) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An inline code span: a backtick string longer than any inside it, padded when the code starts or
 * ends with a backtick or a space (CommonMark strips one space each side). Line endings become
 * spaces, as CommonMark reads them, so the span cannot end its paragraph.
 */
export function codeSpan(code: string): string {
  const text = code.replace(/\r\n?|\n/g, ' ');
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = /^[ `]|[ `]$/.test(text) && text.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The fence for a code block: backticks, longer than any run of them in the code. */
export function codeFence(code: string): string {
  return '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
}

/** A code block's info string: the language when it is a plain name, else nothing. */
export function codeInfo(language: unknown): string {
  return typeof language === 'string' && /^[\w+#.-]{1,40}$/.test(language) ? language : '';
}

/** A line that could open a block (heading, quote, list, rule, fence, table, HTML) if it began one. */
const BLOCK_START = /^\s*(?:[#>+*=|`~_-]|\d+[.)]|<)/;

/**
 * LaTeX for `$…$` or `$$…$$`. Math renderers read the content raw and plain Markdown readers as
 * text, so it is changed only where the meaning for TeX stays the same: `<` and `>` become `\lt`
 * and `\gt` (no HTML can start), `](` gets a space (no link can form; TeX ignores spaces in math)
 * and a bare `$` is escaped (the math cannot end early). Display math also loses blank lines and
 * indents any line that could open a block; inline math is kept on one line.
 */
export function latexForMarkdown(latex: string, display: boolean): string {
  const escaped = latex
    .replace(/</g, '\\lt{}')
    .replace(/>/g, '\\gt{}')
    .replace(/\](?=\()/g, '] ')
    .replace(/(?<!\\)((?:\\\\)*)\$/g, '$1\\$');
  if (!display) return escaped.replace(/\s*[\r\n]+\s*/g, ' ');
  return escaped
    .split(/\r\n?|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => (BLOCK_START.test(line) ? `    ${line}` : line))
    .join('\n');
}
