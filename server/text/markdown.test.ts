import type { JSONContent } from '@tiptap/core';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withParsedBody } from './dom.js';
import { everyNodeDocument } from './fixtures/every-node.js';
import { fromMarkdown, toMarkdown } from './markdown.js';
import { normaliseJson } from './schema.js';
import { applyJsonToDoc, docToJson } from './ydoc.js';

describe('Markdown', () => {
  it('round-trips every node and mark: JSON -> Y.Doc -> Markdown -> import', () => {
    const doc = new Y.Doc();
    applyJsonToDoc(doc, everyNodeDocument);
    const markdown = toMarkdown(docToJson(doc));
    doc.destroy();

    expect(fromMarkdown(markdown)).toEqual(normaliseJson(everyNodeDocument));
  });

  it('writes the conventions other tools read: GFM tables, task boxes, math, word-limit comments', () => {
    const markdown = toMarkdown(everyNodeDocument);
    expect(markdown).toContain('## Summary <!-- word-limit: 250 -->');
    expect(markdown).toContain('- [x] Book the microscope');
    expect(markdown).toContain('- [ ] Order grids');
    expect(markdown).toMatch(/^\| Item +\| Cost \|$/m);
    expect(markdown).toContain('$E = mc^2$');
    expect(markdown).toContain('$$\n\\int_0^1 x^2 \\, dx = \\frac{1}{3}\n$$');
    expect(markdown).toContain('[link](https://example.org/protocols)');
    expect(markdown).toContain('```python\n');
  });

  it('keeps prices as text and formulas as math', () => {
    const parsed = fromMarkdown('Pay $5 or $10 for $E=mc^2$.');
    expect(parsed.content?.[0]?.content).toEqual([
      { type: 'text', text: 'Pay $5 or $10 for ' },
      { type: 'inlineMath', attrs: { latex: 'E=mc^2' } },
      { type: 'text', text: '.' },
    ]);

    const prose = normaliseJson({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'costs $5, see $x$ literally' }] }],
    });
    const markdown = toMarkdown(prose);
    expect(markdown).toContain('\\$5');
    expect(fromMarkdown(markdown)).toEqual(prose);
  });

  it('reads headings without limits and ignores malformed limit comments', () => {
    const parsed = fromMarkdown('# Title\n\n## Aims <!-- word-limit: many -->\n\n## Scope <!-- word-limit: 40 -->\n');
    expect(parsed.content?.map((n) => n.attrs?.wordLimit)).toEqual([null, null, 40]);
    expect(parsed.content?.[2]?.content).toEqual([{ type: 'text', text: 'Scope' }]);
  });

  it('imports raw HTML as literal text and drops javascript: links', () => {
    const parsed = fromMarkdown('<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) and [ok](https://ok.org)\n');
    const json = JSON.stringify(parsed);
    expect(json).not.toContain('javascript:');
    expect(parsed.content?.[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }] });
    expect(toMarkdown(parsed)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('turns an empty file into an empty document', () => {
    expect(fromMarkdown('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});

describe('Markdown from an untrusted file', () => {
  it.each([
    ['deep quotes', '>'.repeat(5000)],
    ['deep lists on one line', '- '.repeat(5000) + 'x'],
    ['deep lists by indentation', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n')],
    ['deep emphasis', '*a '.repeat(2000) + 'b' + '*'.repeat(2000)],
    ['a long delimiter run', '*'.repeat(5000) + 'a' + '*'.repeat(5000)],
    ['deep strike-through', '~~a '.repeat(5000)],
  ])('refuses %s before parsing, with a clear message', (_, markdown) => {
    expect(() => fromMarkdown(markdown)).toThrow(expect.objectContaining({ name: 'ImportError', code: 'too-deep', message: expect.stringMatching(/nest/) }));
  });

  it('keeps honest nesting: quotes in lists, nested lists, code with deep indentation', () => {
    const markdown = ['- a', '  - b', '    > c', '', '```', ' '.repeat(200) + 'indented code', '```', '', '***bold italic*** and **b** and ~~s~~'].join('\n');
    expect(JSON.stringify(fromMarkdown(markdown))).toContain('indented code');
  });

  it('fits what the parser makes to the schema instead of failing on it', () => {
    expect(fromMarkdown('>')).toEqual({ type: 'doc', content: [{ type: 'blockquote', content: [{ type: 'paragraph' }] }] });
    expect(fromMarkdown('**__x__**').content?.[0]?.content).toEqual([{ type: 'text', text: 'x', marks: [{ type: 'bold' }] }]);
  });

  it('turns an image into its alt text, inline or on a line of its own', () => {
    expect(fromMarkdown('![Figure 1: dose curve](https://example.org/x.png)')).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Figure 1: dose curve' }] }],
    });
    expect(fromMarkdown('See ![the curve](https://example.org/x.png "t") here.').content?.[0]?.content).toEqual([
      { type: 'text', text: 'See the curve here.' },
    ]);
  });
});

/** What a stock Markdown renderer makes of the export, in a DOM. */
function rendered(json: Parameters<typeof toMarkdown>[0]): { body: HTMLElement; markdown: string } {
  const markdown = toMarkdown(json);
  const html = new Marked({ gfm: true }).parse(markdown, { async: false });
  return withParsedBody(html, (body) => ({ body: body.cloneNode(true) as HTMLElement, markdown }));
}

/** Raw HTML a stock Markdown reader finds in `markdown` (tokens it would pass through unescaped). */
function rawHtml(markdown: string): string[] {
  const found: string[] = [];
  new Marked({ gfm: true, walkTokens: (token) => void (token.type === 'html' && found.push(token.raw)) }).parse(markdown, { async: false });
  return found;
}

const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const text = (value: string, marks?: JSONContent['marks']): JSONContent => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });

describe('Markdown export of hostile content', () => {
  it('writes a link target as one link with the original href', () => {
    const href = 'https://example.org/a) [x](javascript:alert(1)';
    const source = doc(para(text('the protocol', [{ type: 'link', attrs: { href, title: 'x") [y](javascript:alert(2)' } }])));
    const { body, markdown } = rendered(source);
    const links = Array.from(body.querySelectorAll('a'));
    expect(links).toHaveLength(1);
    expect(decodeURI(links[0]!.getAttribute('href') ?? '')).toBe(href);
    expect(links[0]!.textContent).toBe('the protocol');
    expect(fromMarkdown(markdown)).toEqual(normaliseJson(source));
  });

  it('writes math and code holding HTML or Markdown as text, never as markup', () => {
    const attack = '</math><script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>';
    const { body, markdown } = rendered(
      doc(
        { type: 'blockMath', attrs: { latex: `x\n$$\n${attack}\n\n# not a heading` } },
        para(text('inline '), { type: 'inlineMath', attrs: { latex: `a$ ${attack} $` } }),
        para(text(`a\`b ${attack}`, [{ type: 'code' }])),
        { type: 'codeBlock', attrs: { language: 'js\n<script>' }, content: [text(`x\n\`\`\`\n${attack}\n\`\`\``)] },
      ),
    );
    expect(body.querySelectorAll('script, img, a, h1, math')).toHaveLength(0);
    expect(rawHtml(markdown)).toEqual([]);
    expect(body.querySelector('code')?.textContent).toBe(`a\`b ${attack}`);
    expect(body.querySelector('pre code')?.textContent).toBe(`x\n\`\`\`\n${attack}\n\`\`\`\n`);
  });

  it('keeps math that needs no escaping exactly as it was', () => {
    const source = doc({ type: 'blockMath', attrs: { latex: 'x_1 + y^2 \\leq z' } }, para({ type: 'inlineMath', attrs: { latex: 'a < b' } }));
    const markdown = toMarkdown(source);
    expect(markdown).toContain('$$\nx_1 + y^2 \\leq z\n$$');
    expect(markdown).toContain('$a \\lt{} b$');
    expect(fromMarkdown(markdown).content?.[1]?.content?.[0]).toEqual({ type: 'inlineMath', attrs: { latex: 'a \\lt{} b' } });
  });
});
