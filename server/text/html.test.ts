import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { everyNodeDocument } from './fixtures/every-node.js';
import { fromHtml, toHtmlDocument, toHtmlFragment } from './html.js';
import { normaliseJson } from './schema.js';
import { docToJson } from './ydoc.js';

/** Everything a browser could run or fetch from an exported page. */
const DANGEROUS = /javascript:|<script|<img|<iframe|<object|<svg|\son\w+=|style=|data:/i;

const PASTED = [
  '<p>Results <a href="javascript:alert(1)">here</a> and <a href=" JaVa\tScRiPt:alert(2)">there</a>',
  '<img src="x" onerror="alert(3)"><a href="https://ok.org" onclick="alert(4)" style="color:red">ok</a></p>',
  '<script>alert(5)</script><iframe src="https://evil.example"></iframe>',
  '<h2 onmouseover="alert(6)" data-word-limit="300">Aims</h2>',
  '<svg><script>alert(7)</script></svg><p><a href="data:text/html,<script>alert(8)</script>">data</a></p>',
].join('');

describe('HTML export', () => {
  it('never emits scripts, event handlers or unsafe links from pasted content', () => {
    const imported = fromHtml(PASTED);
    const html = toHtmlFragment(imported);

    expect(html).not.toMatch(DANGEROUS);
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer nofollow" href="https://ok.org">ok</a>');
    expect(html).toContain('<h2 data-word-limit="300">Aims</h2>');
    expect(html).toContain('Results here and there');
  });

  it('strips unsafe links that a client wrote straight into Yjs, bypassing the editor', () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    doc.getXmlFragment(DOCUMENT_FRAGMENT).insert(0, [paragraph, new Y.XmlElement('script')]);
    text.insert(0, ' <img src=x onerror=alert(2)>');
    text.insert(0, 'click me', { link: { href: 'javascript:alert(1)' }, bold: {} });

    const html = toHtmlFragment(docToJson(doc));
    doc.destroy();

    expect(html).toBe('<p><strong>click me</strong> &lt;img src=x onerror=alert(2)&gt;</p>');
  });

  it('renders every node type, math as MathML with its LaTeX, and reads its own output back', () => {
    const html = toHtmlFragment(everyNodeDocument);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">');
    expect(html).toContain('<annotation encoding="application/x-tex">E = mc^2</annotation>');
    expect(html).toContain('<input type="checkbox" checked="checked" disabled />');
    expect(fromHtml(html)).toEqual(normaliseJson(everyNodeDocument));
  });

  it('wraps the body in a standalone page with an escaped title, a CSP and a print stylesheet', () => {
    const page = toHtmlDocument(everyNodeDocument, { title: '</title><script>alert(1)</script>' });
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<title>&#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>');
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).toContain('@media print');
    expect(page).not.toContain('<script');
  });
});
