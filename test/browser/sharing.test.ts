/**
 * Sharing one document in Chromium against a real server: an owner shares a protocol with an outside
 * reviewer (a commenter guest) from the Share dialog; the reviewer finds it under "Shared with me",
 * reads it without seeing the group, and comments on it; the owner sees the comment. The owner also
 * makes a read-only link, which opens the document for someone who is not signed in, until it is revoked;
 * its figures' images load for the signed-out reader too, and stop loading once the link is revoked.
 */
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient } from '../auth/api-client.js';
import { pngBytes } from '../fixtures/images.js';
import { browserTestsEnabled, buildClient, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { editorText, newPerson, PASSWORD, unexpectedErrors, type Person } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!browserTestsEnabled())('sharing one document in Chromium', () => {
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
    for (const p of people) await p.context.close();
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  async function signedUp(name: string): Promise<Person> {
    if (!browser || !server) throw new Error('setup failed');
    const person = await newPerson(browser, name, 'Europe/Berlin');
    people.push(person);
    await post(person.context.request, `${server.url}/api/auth/signup`, { name, email: person.email, password: PASSWORD });
    return person;
  }

  it('an owner shares a protocol with an outside reviewer, who comments on it; a read-only link opens it signed out', async () => {
    const base = server?.url ?? '';
    const olga = await signedUp('Olga Owner');
    const rita = await signedUp('Rita Reviewer');
    const { workspace } = await post<{ workspace: { id: string } }>(olga.context.request, `${base}/api/workspaces`, { name: 'Cardiology group' });
    const { document } = await post<{ document: { id: string } }>(olga.context.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Ethics protocol' });
    await post(olga.context.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Internal budget' });

    // The owner writes, then shares with the reviewer from the Share dialog.
    const owner = olga.page;
    await owner.goto(`${base}/d/${document.id}`);
    await owner.locator('.status[data-connection="connected"]').waitFor();
    await owner.locator('.doc-body').click();
    await owner.keyboard.type('Patients consent in writing.');
    await waitFor(async () => (await editorText(owner)).includes('Patients consent in writing.'), { what: 'the owner’s text' });
    await owner.getByRole('button', { name: 'Share' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Share “Ethics protocol”' });
    await dialog.waitFor();
    await dialog.getByLabel('Add a person from outside the group').fill(rita.email);
    await dialog.getByLabel('Guest role').selectOption('commenter');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    const guestRow = dialog.getByRole('list', { name: 'Guests' }).getByRole('listitem');
    await guestRow.filter({ hasText: 'Rita Reviewer' }).waitFor();
    expect(await guestRow.getByRole('combobox').inputValue()).toBe('commenter');
    expect(await dialog.innerText()).toContain('Olga Owner');

    // A read-only link for a week: shown once, listed with its expiry.
    await dialog.getByLabel('Link expiry').selectOption('7');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const linkInput = dialog.getByLabel('New read-only link');
    await linkInput.waitFor();
    const linkUrl = await linkInput.inputValue();
    expect(linkUrl).toMatch(new RegExp(`^${base}/shared/[a-z0-9]+\\.[a-z0-9]+$`));
    await dialog.getByRole('list', { name: 'Links' }).getByRole('listitem').filter({ hasText: 'Link by Olga Owner' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The reviewer finds it under "Shared with me", sees no group and none of its other documents.
    const reviewer = rita.page;
    await reviewer.goto(`${base}/`);
    const shared = reviewer.getByRole('region', { name: 'Shared with me' });
    await shared.getByRole('link', { name: 'Ethics protocol' }).click();
    await reviewer.locator('.status[data-connection="connected"]').waitFor();
    await waitFor(async () => (await editorText(reviewer)).includes('Patients consent in writing.'), { what: 'the reviewer reads the text' });
    // A commenter guest works in Suggesting, as a member commenter does (issue 15): never Editing.
    const mode = reviewer.getByRole('combobox', { name: 'Mode' });
    await mode.waitFor();
    expect(await mode.inputValue()).toBe('suggesting');
    expect(await mode.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).not.toContain('editing');
    expect(await reviewer.getByRole('button', { name: 'Share' }).count()).toBe(0);
    expect(await reviewer.locator('.doc-head').innerText()).not.toContain('Cardiology group');
    expect(await reviewer.locator('body').innerText()).not.toContain('Internal budget');

    // The reviewer selects the sentence with the mouse and comments; the owner sees it live.
    await reviewer.getByRole('tab', { name: 'Comments' }).click();
    const sentence = reviewer.locator('.doc-body p', { hasText: 'Patients consent' });
    const box = await sentence.boundingBox();
    if (!box) throw new Error('the sentence is not on screen');
    await reviewer.mouse.move(box.x + 2, box.y + box.height / 2);
    await reviewer.mouse.down();
    await reviewer.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
    await reviewer.mouse.up();
    const composer = reviewer.getByLabel('Comment on the selected text…');
    await composer.click();
    await reviewer.keyboard.type('Please name the witness as well.');
    await reviewer.getByRole('button', { name: 'Comment', exact: true }).click();
    await reviewer.locator('.thread', { hasText: 'Please name the witness as well.' }).waitFor();
    await owner.getByRole('tab', { name: 'Comments' }).click();
    const thread = owner.locator('.thread', { hasText: 'Please name the witness as well.' });
    await thread.waitFor();
    expect(await thread.innerText()).toContain('Rita Reviewer');

    // Someone signed out opens the read-only link: the text, read-only, no presence.
    if (!browser) throw new Error('setup failed');
    const stranger = await newPerson(browser, 'Stranger', 'UTC');
    people.push(stranger);
    await stranger.page.goto(linkUrl);
    await stranger.page.getByRole('heading', { name: 'Ethics protocol' }).waitFor();
    await waitFor(async () => (await editorText(stranger.page)).includes('Patients consent in writing.'), { what: 'the link reader reads' });
    expect(await stranger.page.locator('.doc-body').getAttribute('contenteditable')).toBe('false');
    expect(await stranger.page.locator('.read-only-notice').innerText()).toContain('through a shared link');

    // Revoked while open: the reader's socket closes and the page says the link no longer opens it.
    const listed = await olga.context.request.get(`${base}/api/documents/${document.id}/links`);
    const [link] = ((await listed.json()) as { links: Array<{ id: string }> }).links;
    const revoked = await olga.context.request.delete(`${base}/api/documents/${document.id}/links/${link?.id ?? ''}`, { headers: { origin: base } });
    expect(revoked.status()).toBe(204);
    await stranger.page.getByRole('alert').filter({ hasText: 'This link no longer opens the document.' }).waitFor();
    expect(await editorText(stranger.page)).toContain('Patients consent in writing.');

    expect(unexpectedErrors(olga.errors)).toEqual([]);
    expect(unexpectedErrors(rita.errors)).toEqual([]);
    expect(unexpectedErrors(stranger.errors)).toEqual([]);
  }, 180_000);

  it('a signed-out reader of a read-only link sees the figures\' images, until the link is revoked', async () => {
    if (!browser || !server) throw new Error('setup failed');
    const base = server.url;
    const owner = new ApiClient(base);
    await owner.signup('Olga Owner');
    const workspaceId = await owner.workspace('Cardiology group');
    const docId = await owner.document(workspaceId, 'Trial results');
    const form = new FormData();
    form.set('file', new File([pngBytes(9) as Uint8Array<ArrayBuffer>], 'gel.png', { type: 'image/png' }));
    const uploaded = await fetch(`${base}/api/documents/${docId}/files`, { method: 'POST', body: form, headers: { cookie: owner.cookie, origin: base } });
    expect(uploaded.status).toBe(201);
    const { file } = (await uploaded.json()) as { file: { url: string } };

    // The owner's client puts the figure in the text, as the figure tool would.
    const writer = await owner.connect(docId);
    try {
      const figure = new Y.XmlElement('figure');
      figure.setAttribute('id', 'fig-1');
      figure.setAttribute('src', file.url);
      figure.insert(0, [new Y.XmlText('Western blot of lysates')]);
      writer.doc.getXmlFragment('default').insert(0, [figure]);
      const created = await owner.post(`/api/documents/${docId}/links`, { days: 7 });
      expect(created.status).toBe(201);
      const { token, link } = created.body as { token: string; link: { id: string } };

      const stranger = await newPerson(browser, 'Stranger', 'UTC');
      people.push(stranger);
      await stranger.page.goto(`${base}/shared/${token}`);
      await stranger.page.getByRole('heading', { name: 'Trial results' }).waitFor();
      const img = stranger.page.locator('.doc-body figure img');
      await img.waitFor();
      await waitFor(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { what: 'the link reader’s figure image loads' });
      const src = (await img.getAttribute('src')) ?? '';
      expect(src).toBe(`${file.url}?link=${encodeURIComponent(token)}`);
      expect(await stranger.page.locator('.doc-body figcaption').innerText()).toBe('Western blot of lysates');
      expect(unexpectedErrors(stranger.errors)).toEqual([]);

      // Revoked: the same address, asked again from the reader's page (the cache must revalidate), gives nothing.
      expect((await owner.delete(`/api/documents/${docId}/links/${link.id}`)).status).toBe(204);
      const again = await stranger.page.evaluate(async (address) => (await fetch(address)).status, src);
      expect(again).toBe(410);
    } finally {
      writer.destroy();
    }
  }, 180_000);
});
