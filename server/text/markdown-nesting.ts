/**
 * Nesting estimates for Markdown, made line by line before the parser runs: the parser recurses
 * once per level of quotes, list items and emphasis, so `'>'.repeat(5000)` overflowed its stack,
 * and deep inline nesting made it spend tens of seconds. The estimates are generous (an honest
 * document stays far below them) and cheap (one pass, no recursion).
 */
import { ImportError } from './errors.js';
import { conversionLimits } from './limits.js';

/** One container marker at the start of a line: a quote, or a bullet or ordered list item. */
const CONTAINER_MARKER = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;
/** A code fence opener or closer (``` or ~~~), after the line's container markers. */
const FENCE = /^(`{3,}|~{3,})/;
/** Delimiters that open or close inline nesting, and escapes and code spans to skip. */
const INLINE_TOKEN = /\\[\s\S]|`+|[*_~]+|[[\]]/g;
const WHITESPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/** Containers a line opens: its markers plus one level per four columns of indentation. */
function containerDepth(line: string): { depth: number; rest: string } {
  let rest = line;
  let depth = 0;
  let indent = 0;
  for (;;) {
    const spaces = /^[ \t]*/.exec(rest)?.[0] ?? '';
    if (depth === 0) indent = spaces.replace(/\t/g, '    ').length;
    rest = rest.slice(spaces.length);
    const marker = CONTAINER_MARKER.exec(rest);
    if (!marker) break;
    depth += 1;
    rest = rest.slice(marker[0].length);
  }
  return { depth: depth + Math.floor(indent / 4), rest };
}

type CharClass = 'space' | 'punct' | 'other';

function classOf(char: string | undefined): CharClass {
  if (char === undefined || WHITESPACE.test(char)) return 'space';
  return PUNCTUATION.test(char) ? 'punct' : 'other';
}

/**
 * How deep inline delimiters may nest in one block: a run that can only open (CommonMark's
 * left-flanking rule) adds levels, one that can only close ends them, `[` and `]` likewise.
 * Unclosed openers count too, which errs towards refusing, never towards a deep parse.
 */
function inlineDepth(block: string): number {
  let open = 0;
  let deepest = 0;
  for (const match of block.matchAll(INLINE_TOKEN)) {
    const token = match[0];
    if (token.startsWith('\\') || token.startsWith('`')) continue;
    let step = 0;
    if (token === '[') step = 1;
    else if (token === ']') step = -1;
    else {
      const before = classOf(block[match.index - 1]);
      const after = classOf(block[match.index + token.length]);
      const canOpen = after !== 'space' && (after !== 'punct' || before !== 'other');
      const canClose = before !== 'space' && (before !== 'punct' || after !== 'other');
      // A run of n delimiters opens or closes up to n/2 levels (`***` is bold inside italic).
      const levels = Math.ceil(token.length / 2);
      step = canOpen && !canClose ? levels : canClose && !canOpen ? -levels : 0;
    }
    open = Math.max(0, open + step);
    deepest = Math.max(deepest, open);
  }
  return deepest;
}

/** Throws ImportError ('too-deep') when the Markdown nests deeper than an import may. */
export function checkMarkdownNesting(markdown: string): void {
  const { maxMarkdownNesting, maxMarkdownInlineNesting } = conversionLimits;
  let fence: string | null = null;
  let block: string[] = [];
  let blockStart = 1;
  const endBlock = (lineNumber: number) => {
    if (block.length > 0 && inlineDepth(block.join('\n')) > maxMarkdownInlineNesting) {
      throw new ImportError('too-deep', `Emphasis, strike-through or links are nested more than ${maxMarkdownInlineNesting} deep (from line ${blockStart}).`);
    }
    block = [];
    blockStart = lineNumber + 1;
  };
  markdown.split('\n').forEach((line, index) => {
    const lineNumber = index + 1;
    const { depth, rest } = containerDepth(line);
    const marker = FENCE.exec(rest)?.[1];
    if (fence !== null) {
      // Inside a fence the text is code: nothing in it nests.
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = null;
        blockStart = lineNumber + 1;
      }
      return;
    }
    if (depth > maxMarkdownNesting) {
      throw new ImportError('too-deep', `Line ${lineNumber} nests quotes or lists more than ${maxMarkdownNesting} levels deep.`);
    }
    if (marker) {
      endBlock(lineNumber);
      fence = marker;
      return;
    }
    if (rest.trim() === '') endBlock(lineNumber);
    else block.push(rest);
  });
  endBlock(Number.POSITIVE_INFINITY);
}
