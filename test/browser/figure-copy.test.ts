/**
 * A figure pasted from another document (issue 17): the author pastes, into a document of a second
 * group, the HTML of a figure whose image belongs to a document of the first group. The editor copies
 * the file into the second document and points the figure at the copy, so a reader of only the second
 * document sees the image, with the same bytes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../fixtures/images.js';
import { browserTestsEnabled, buildClient, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { newPerson, PASSWORD, unexpectedErrors, type Person } from './workspace-helpers.js';

/** Pastes HTML into the editor, as the clipboard holds it after copying from another Confer tab. */
async function pasteHtml(page: Page, html: string): Promise<void> {
  await page.locator('.ProseMirror').evaluate((editor, markup) => {
    const data = new DataTransfer();
    data.setData('text/html', markup);
    data.setData('text/plain', 'figure');
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

/** The figures on a page: caption, address and whether the image loaded. */
function figuresOn(page: Page): Promise<Array<{ caption: string; src: string; loaded: boolean }>> {
  return page.locator('.ProseMirror figure').evaluateAll((figures) =>
    figures.map((figure) => {
      const img = figure.querySelector('img');
      // Without another person's caret, which may sit in the caption with their name.
      const caption = figure.querySelector('figcaption')?.cloneNode(true) as HTMLElement | undefined;
      caption?.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return { caption: caption?.textContent ?? '', src: img?.getAttribute('src') ?? '', loaded: Boolean(img?.complete && img.naturalWidth > 0) };
    }),
  );
}

describe.skipIf(!browserTestsEnabled())('a figure pasted from another document', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({ distDir: build.distDir });
  }, 180_000);

  afterAll(async () => {
    for (const person of people) await person.context.close();
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  it('brings its image along, so a reader of only the new document sees it', async () => {
    if (!browser || !server) throw new Error('setup failed');
    const url = server.url;
    const [author, reader] = [await newPerson(browser, 'Amara Okafor', 'Africa/Lagos'), await newPerson(browser, 'Rui Reader', 'Europe/Lisbon')];
    people.push(author, reader);
    for (const person of people) {
      const res = await person.context.request.post(`${url}/api/auth/signup`, { data: { name: person.name, email: person.email, password: PASSWORD, timeZone: 'UTC' } });
      expect(res.status()).toBe(201);
    }
    const api = author.context.request;
    const group = async (name: string) => ((await (await api.post(`${url}/api/workspaces`, { data: { name } })).json()) as { workspace: { id: string } }).workspace.id;
    const doc = async (ws: string, title: string) =>
      ((await (await api.post(`${url}/api/workspaces/${ws}/documents`, { data: { title } })).json()) as { document: { id: string } }).document.id;
    const labGroup = await group('Lab');
    const grantGroup = await group('Grant team');
    const invite = (await (await api.post(`${url}/api/workspaces/${grantGroup}/invites`, { data: { role: 'viewer' } })).json()) as { token: string };
    expect((await reader.context.request.post(`${url}/api/invites/${invite.token}/accept`)).status()).toBe(200);
    const labDoc = await doc(labGroup, 'Gel notes');
    const grantDoc = await doc(grantGroup, 'Proposal');

    const bytes = pngBytes(31);
    const uploaded = await api.post(`${url}/api/documents/${labDoc}/files`, { multipart: { file: { name: 'gel.png', mimeType: 'image/png', buffer: Buffer.from(bytes) } } });
    expect(uploaded.status()).toBe(201);
    const labSrc = ((await uploaded.json()) as { file: { url: string } }).file.url;
    expect((await reader.context.request.get(`${url}${labSrc}`)).status()).toBe(404);

    const page = author.page;
    await page.goto(`${url}/d/${grantDoc}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await page.locator('.ProseMirror').click();
    await pasteHtml(page, `<figure data-figure-id="fig-lab1"><img src="${labSrc}" alt=""><figcaption>Gel from the lab notes</figcaption></figure>`);

    // The figure now shows the grant document's own copy of the file.
    const grantSrc = labSrc.replace(`/api/documents/${labDoc}/`, `/api/documents/${grantDoc}/`);
    await expect.poll(async () => (await figuresOn(page)).map((f) => [f.caption, f.src, f.loaded])).toEqual([['Gel from the lab notes', grantSrc, true]]);
    await expect.poll(() => page.locator('.status').innerText()).toContain('Saved');

    await reader.page.goto(`${url}/d/${grantDoc}`);
    await reader.page.locator('.status[data-connection="connected"]').waitFor();
    await expect.poll(async () => (await figuresOn(reader.page)).map((f) => [f.caption, f.src, f.loaded])).toEqual([['Gel from the lab notes', grantSrc, true]]);
    const served = await reader.context.request.get(`${url}${grantSrc}`);
    expect(served.status()).toBe(200);
    expect(new Uint8Array(await served.body())).toEqual(bytes);

    for (const person of people) expect(unexpectedErrors(person.errors)).toEqual([]);
  }, 180_000);
});
