/**
 * Figures end to end (issue 17): an editor pastes one image and drops another into the text; each is
 * uploaded, becomes a figure with an editable caption and a number, and a cross-reference follows the
 * numbers; a second person sees both figures with their images; someone without access gets 404 for
 * the image's address; and every export format carries the figures.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gifBytes, pngBytes } from '../fixtures/images.js';
import { browserTestsEnabled, buildClient, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { newPerson, PASSWORD, unexpectedErrors, type Person } from './workspace-helpers.js';

/** Signs `person` up through the API of their own context (cookies land in it). */
async function signUp(server: TestServer, person: Person): Promise<void> {
  const res = await person.context.request.post(`${server.url}/api/auth/signup`, {
    data: { name: person.name, email: person.email, password: PASSWORD, timeZone: 'Europe/Berlin' },
  });
  expect(res.status()).toBe(201);
}

/** Pastes an image file into the editor, as a clipboard holding a screenshot would. */
async function pasteImage(page: Page, bytes: Uint8Array, name: string, type: string): Promise<void> {
  await page.locator('.ProseMirror').evaluate(
    (editor, file) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: file.type }));
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { base64: Buffer.from(bytes).toString('base64'), name, type },
  );
}

/** Drops an image file onto the editor at the start of the given element. */
async function dropImage(page: Page, target: Locator, bytes: Uint8Array, name: string, type: string): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the drop target is not on screen');
  await page.locator('.ProseMirror').evaluate(
    (editor, file) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: file.type }));
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        editor.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true, clientX: file.x, clientY: file.y }));
      }
    },
    { base64: Buffer.from(bytes).toString('base64'), name, type, x: box.x + 4, y: box.y + box.height / 2 },
  );
}

/** The figures on a page: caption text, whether the image has loaded, and its address. */
function figuresOn(page: Page): Promise<Array<{ caption: string; loaded: boolean; src: string; lazy: string | null }>> {
  return page.locator('.ProseMirror figure').evaluateAll((figures) =>
    figures.map((figure) => {
      const img = figure.querySelector('img');
      return {
        caption: figure.querySelector('figcaption')?.textContent ?? '',
        loaded: Boolean(img?.complete && img.naturalWidth > 0),
        src: img?.getAttribute('src') ?? '',
        lazy: img?.getAttribute('loading') ?? null,
      };
    }),
  );
}

describe.skipIf(!browserTestsEnabled())('figures', () => {
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

  it('pastes and drops images as numbered, captioned figures that a second person sees, and exports them', async () => {
    if (!browser || !server) throw new Error('setup failed');
    const url = server.url;
    const [owner, colleague, outsider] = [
      await newPerson(browser, 'Amara Okafor', 'Africa/Lagos'),
      await newPerson(browser, 'Jonas Berg', 'Europe/Oslo'),
      await newPerson(browser, 'Otto Outsider', 'UTC'),
    ];
    people.push(owner, colleague, outsider);
    for (const person of people) await signUp(server, person);
    const api = owner.context.request;
    const ws = (await (await api.post(`${url}/api/workspaces`, { data: { name: 'Imaging core' } })).json()) as { workspace: { id: string } };
    const invite = (await (await api.post(`${url}/api/workspaces/${ws.workspace.id}/invites`, { data: { role: 'viewer' } })).json()) as { token: string };
    expect((await colleague.context.request.post(`${url}/api/invites/${invite.token}/accept`)).status()).toBe(200);
    const created = await api.post(`${url}/api/workspaces/${ws.workspace.id}/documents`, { data: { title: 'Gel protocol' } });
    const docId = ((await created.json()) as { document: { id: string } }).document.id;

    const page = owner.page;
    await page.goto(`${url}/d/${docId}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Results are in the figures below.');

    // Pasted: the figure appears after the paragraph; its caption is typed in place.
    await pasteImage(page, pngBytes(7), 'screenshot.png', 'image/png');
    await page.locator('.ProseMirror figure').first().waitFor();
    await page.locator('.ProseMirror figure figcaption').first().click();
    await page.keyboard.type('Western blot of lysates');

    // Dropped on the first paragraph: the new figure goes before the pasted one and takes number 1.
    await dropImage(page, page.locator('.ProseMirror p').first(), gifBytes(8), 'chart.gif', 'image/gif');
    await page.locator('.ProseMirror figure').nth(1).waitFor();
    const figures = page.locator('.ProseMirror figure');
    const dropped = (await figuresOn(page)).findIndex((f) => f.caption === '');
    expect(dropped).toBeGreaterThanOrEqual(0);
    await figures.nth(dropped).locator('figcaption').click();
    await page.keyboard.type('Survival curve');
    await expect.poll(async () => (await figuresOn(page)).map((f) => f.caption).sort()).toEqual(['Survival curve', 'Western blot of lysates']);

    const mine = await figuresOn(page);
    expect(mine.every((f) => f.loaded && f.lazy === 'lazy' && /^\/api\/documents\/[^/]+\/files\/[0-9a-f]{64}$/.test(f.src))).toBe(true);

    // A reference to the blot reads "Figure N" with the blot's number, from the toolbar's picker.
    const blotNumber = mine.findIndex((f) => f.caption === 'Western blot of lysates') + 1;
    await page.locator('.ProseMirror p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' See ');
    const picker = page.getByLabel('Refer to a figure');
    const options = await picker.locator('option').allInnerTexts();
    expect(options).toEqual(['Refer to…', ...mine.map((f, i) => `Figure ${i + 1}: ${f.caption}`)]);
    const blotId = await figures.nth(blotNumber - 1).getAttribute('data-figure-id');
    await picker.selectOption(blotId ?? '');
    const ref = page.locator('.ProseMirror a[data-type="figure-ref"]');
    await expect.poll(() => ref.getAttribute('data-label')).toBe(`Figure ${blotNumber}`);
    await expect.poll(() => page.locator('.status').innerText()).toContain('Saved');

    // The second person sees both figures, captions and images (served to them as a reader).
    await colleague.page.goto(`${url}/d/${docId}`);
    await colleague.page.locator('.status[data-connection="connected"]').waitFor();
    await expect.poll(async () => (await figuresOn(colleague.page)).map((f) => [f.caption, f.loaded])).toEqual(mine.map((f) => [f.caption, true]));
    expect(await colleague.page.locator('.ProseMirror a[data-type="figure-ref"]').getAttribute('data-label')).toBe(`Figure ${blotNumber}`);

    // Someone who cannot read the document: 404 for the image, exactly like a file that does not exist.
    const image = await outsider.context.request.get(`${url}${mine[0]!.src}`);
    expect(image.status()).toBe(404);
    const served = await colleague.context.request.get(`${url}${mine[0]!.src}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    expect(served.headers()['cache-control']).toBe('private, max-age=31536000, immutable');

    // Every export carries both figures.
    const exported = (format: string) => api.get(`${url}/api/documents/${docId}/export?format=${format}`);
    const html = await (await exported('html')).text();
    expect(html.match(/<img src="data:image\/(png|gif);base64,/g)).toHaveLength(2);
    expect(html).toContain(`<span class="figure-label">Figure ${blotNumber}: </span>Western blot of lysates`);
    expect(html).toContain(`>Figure ${blotNumber}</a>`);
    const md = await (await exported('md')).text();
    expect(md.match(/!\[[^\]]*\]\(data:image\/(png|gif);base64,/g)).toHaveLength(2);
    expect(md).toContain(`*Figure ${blotNumber}: Western blot of lysates*`);
    const docx = unzipSync(new Uint8Array(await (await exported('docx')).body()));
    expect(Object.keys(docx).filter((name) => name.startsWith('word/media/'))).toHaveLength(2);
    expect(strFromU8(docx['word/document.xml']!)).toContain('Survival curve');
    const pdf = await exported('pdf');
    expect(pdf.status()).toBe(200);
    const pdfText = (await pdf.body()).toString('latin1');
    expect(pdfText.match(/\/Subtype\s*\/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(2);

    for (const person of people) expect(unexpectedErrors(person.errors)).toEqual([]);
  }, 180_000);
});
