/**
 * Web security in a real browser: the app renders, edits and draws KaTeX under its strict
 * Content-Security-Policy without a single violation, and pasted HTML loses scripts, event handlers
 * and javascript: links before anything reaches the document. Exported HTML is sanitised on the
 * server: see server/text/html.test.ts. The dependency audit runs in .ci/run.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccessPolicy } from '../../server/collab/access.js';
import { jsonToUpdate } from '../../server/text/ydoc.js';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

describe.skipIf(!browserTestsEnabled())('web security in Chromium', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({ policy: openAccessPolicy(), distDir: build.distDir });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  /** A page that records every CSP violation the browser reports. */
  async function openDocument(docId: string): Promise<{ page: Page; errors: string[]; violations: () => Promise<string[]> }> {
    if (!browser || !server) throw new Error('setup failed');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const errors = collectErrors(page);
    await page.goto(`${server.url}/d/${docId}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    return { page, errors, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
  }

  it('serves a strict CSP: no inline script, no eval', async () => {
    const res = await fetch(`${server!.url}/d/anything`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp.match(/script-src[^;]*/)?.[0]).not.toContain('unsafe-inline');
  });

  it('the editor renders, edits and draws KaTeX under the CSP with no violation', async () => {
    const docId = `csp-${randomUUID()}`;
    await server!.hub.applyServerUpdate(
      docId,
      jsonToUpdate({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Energy is ' }, { type: 'inlineMath', attrs: { latex: 'E = mc^2' } }] }],
      }),
    );
    const { page, errors, violations } = await openDocument(docId);
    await page.locator('.doc-body .katex').first().waitFor();
    await page.locator('.doc-body').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Typed under CSP.');
    await waitFor(() => server!.hub.registry.peek(docId)?.doc.getXmlFragment(DOCUMENT_FRAGMENT).toString().includes('Typed under CSP.'), {
      what: 'typed text reached the server',
    });
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('pasted HTML loses scripts, handlers and javascript: links; safe links survive', async () => {
    const docId = `paste-${randomUUID()}`;
    const { page, violations } = await openDocument(docId);
    await page.locator('.doc-body').click();
    const html =
      '<p>Pasted <a href="javascript:alert(document.cookie)">evil link</a> and ' +
      '<a href="https://example.org/paper">good link</a>' +
      '<img src="x" onerror="window.pwned=1"><script>window.pwned=2</script>' +
      '<a href="  JaVa\tScRiPt:alert(1)">sneaky</a></p>';
    await page.locator('.doc-body').evaluate((body, pasted) => {
      const editor = body.matches('[contenteditable]') ? body : (body.querySelector('[contenteditable]') ?? body);
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      data.setData('text/plain', 'Pasted');
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await waitFor(() => server!.hub.registry.peek(docId)?.doc.getXmlFragment(DOCUMENT_FRAGMENT).toString().includes('good link'), {
      what: 'pasted text reached the server',
    });
    const stored = server!.hub.registry.peek(docId)?.doc.getXmlFragment(DOCUMENT_FRAGMENT).toString() ?? '';
    expect(stored.toLowerCase()).not.toContain('javascript');
    expect(stored).not.toContain('onerror');
    expect(stored).not.toContain('<script');
    expect(stored).toContain('https://example.org/paper');
    const hrefs = await page.locator('.doc-body a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://example.org/paper']);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // The browser's paste parser may try the pasted onerror handler; the CSP is what stops it there.
    expect((await violations()).every((v) => v.startsWith('script-src-attr'))).toBe(true);
    await page.context().close();
  });
});
