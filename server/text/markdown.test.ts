import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
