/**
 * Issue 19, items 1-3, in Chromium against a real server: template guidance is a placeholder that
 * vanishes when you write and lends your text no italics, and the first heading is the title; the
 * group's list follows text edits and says who made them; a deadline set in the funder's zone reads
 * in that zone and the reader's, is in the list, and goes into a calendar (.ics and a secret feed).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, collectErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD, editorText } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Someone {
  id: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Screenshots for a person to look at (git-ignored), as workspace-screens.test.ts keeps them. */
const shots = path.resolve(import.meta.dirname, '..', '..', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** Whether the page scrolls sideways (it must not, on a phone either). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe.skipIf(!browserTestsEnabled())('rough edges a new user hits (issue 19, items 1-3)', () => {
  const suite = browserSuite({ timings: { changeIdleMs: 50, changeMaxWaitMs: 1000 } });
  let counter = 0;

  const base = () => suite.server.url;

  async function person(name: string, timezoneId: string): Promise<Someone> {
    const context = await suite.context({ timezoneId, viewport: { width: 1280, height: 800 }, locale: 'en-GB', acceptDownloads: true });
    counter += 1;
    const { user } = await post<{ user: { id: string } }>(context.request, `${base()}/api/auth/signup`, {
      name,
      email: `rough${counter}-${Date.now()}@example.org`,
      password: PASSWORD,
      timeZone: timezoneId,
    });
    const page = await context.newPage();
    return { id: user.id, context, page, errors: collectErrors(page) };
  }

  async function group(owner: Someone, name: string): Promise<string> {
    return (await post<{ workspace: { id: string } }>(owner.context.request, `${base()}/api/workspaces`, { name })).workspace.id;
  }

  async function newDocument(owner: Someone, workspaceId: string, title: string, template = 'blank'): Promise<string> {
    return (await post<{ document: { id: string } }>(owner.context.request, `${base()}/api/workspaces/${workspaceId}/documents`, { title, template })).document.id;
  }

  async function addMember(owner: Someone, workspaceId: string, other: Someone, role: string): Promise<void> {
    const { token } = await post<{ token: string }>(owner.context.request, `${base()}/api/workspaces/${workspaceId}/invites`, { role });
    await post(other.context.request, `${base()}/api/invites/${token}/accept`, {});
  }

  async function open(page: Page, docId: string): Promise<void> {
    await page.goto(`${base()}/d/${docId}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
  }

  /** The paragraph that shows `guidance` as its placeholder. */
  const guided = (page: Page, guidance: string) => page.locator(`.doc-body p[data-placeholder="${guidance}"]`);

  it('shows template guidance as a placeholder that vanishes when you write, takes no italics and is never exported', async () => {
    const olga = await person('Olga Okafor', 'Africa/Lagos');
    const ws = await group(olga, 'Structural biology');
    const docId = await newDocument(olga, ws, 'Cryo-EM grid preparation', 'protocol');
    await open(olga.page, docId);

    // The first heading is the document's title, and the guidance is drawn, not written.
    expect(await olga.page.locator('.doc-body h1').innerText()).toBe('Cryo-EM grid preparation');
    const purpose = 'State the question this protocol answers and why it matters, in two or three sentences.';
    const scope = 'Which samples, sites, instruments or patients this covers, and what is explicitly out of scope.';
    await guided(olga.page, purpose).waitFor();
    expect(await guided(olga.page, purpose).evaluate((p) => getComputedStyle(p, '::before').content)).toBe(JSON.stringify(purpose));
    expect(await editorText(olga.page)).not.toContain(purpose);
    expect(await olga.page.locator('.doc-body em').count()).toBe(0);

    // Writing in the Purpose section: its guidance goes, the text is plain, the next section keeps its own.
    await guided(olga.page, purpose).click();
    await olga.page.keyboard.type('Does the blotting time change ice thickness?');
    const written = olga.page.locator('.doc-body p', { hasText: 'Does the blotting time change ice thickness?' });
    await written.waitFor();
    expect(await written.getAttribute('data-placeholder')).toBeNull();
    expect(await written.evaluate((p) => getComputedStyle(p).fontStyle)).toBe('normal');
    expect(await olga.page.locator('.doc-body em').count()).toBe(0);
    expect(await guided(olga.page, purpose).count()).toBe(0);
    expect(await guided(olga.page, scope).count()).toBe(1);
    await shoot(olga.page, 'guidance-desktop');

    // A new paragraph after it (Enter) starts without guidance.
    await olga.page.keyboard.press('Enter');
    await olga.page.keyboard.type('Second line.');
    await waitFor(async () => (await editorText(olga.page)).includes('Second line.'), { what: 'the second line' });
    expect(await olga.page.locator('.doc-body p', { hasText: 'Second line.' }).getAttribute('data-placeholder')).toBeNull();

    // Exports hold the text written and none of the guidance.
    await waitFor(async () => {
      const md = await (await olga.context.request.get(`${base()}/api/documents/${docId}/export?format=md`)).text();
      return md.includes('Does the blotting time change ice thickness?') ? md : null;
    }, { what: 'the text in the export' }).then((md) => {
      expect(md).toMatch(/^# Cryo-EM grid preparation/);
      expect(md).not.toContain(purpose);
      expect(md).not.toContain(scope);
      expect(md).not.toContain('*');
    });
    expect(olga.errors).toEqual([]);
  });

  it('puts the document edited last at the top of the group’s list, saying who changed it', async () => {
    const olga = await person('Olga Okafor', 'Asia/Kolkata');
    const priya = await person('Priya Patel', 'Europe/London');
    const ws = await group(olga, 'Cardiology trials');
    const older = await newDocument(olga, ws, 'Older protocol');
    await newDocument(olga, ws, 'Newer protocol');
    await addMember(olga, ws, priya, 'editor');

    await olga.page.goto(`${base()}/w/${ws}`);
    const rows = olga.page.locator('.doc-list .doc-row');
    await rows.first().waitFor();
    expect(await rows.locator('.doc-link').allInnerTexts()).toEqual(['Newer protocol', 'Older protocol']);

    await open(priya.page, older);
    await priya.page.locator('.doc-body').click();
    await priya.page.keyboard.type('Recruitment opens in March.');
    await waitFor(async () => {
      const res = await olga.context.request.get(`${base()}/api/workspaces/${ws}/documents`);
      const { documents } = (await res.json()) as { documents: Array<{ id: string }> };
      return documents[0]?.id === older;
    }, { what: 'the edit recorded as the last change' });

    await olga.page.reload();
    await rows.first().waitFor();
    expect(await rows.locator('.doc-link').allInnerTexts()).toEqual(['Older protocol', 'Newer protocol']);
    expect(await rows.first().locator('.doc-changed').innerText()).toBe('Changed just now by Priya Patel');
    expect(await rows.nth(1).locator('.doc-changed').innerText()).toMatch(/^Changed (just now|\d+ min ago) by you$/);
    expect([...olga.errors, ...priya.errors]).toEqual([]);
  });

  it('keeps a deadline in the funder’s zone, shows it in the reader’s too, lists it, and adds it to a calendar', async () => {
    const olga = await person('Olga Okafor', 'Asia/Kolkata');
    const sam = await person('Sam Sydney', 'Australia/Sydney');
    const ws = await group(olga, 'Horizon consortium');
    const docId = await newDocument(olga, ws, 'ERC Synergy proposal', 'grant-proposal');
    await addMember(olga, ws, sam, 'viewer');

    // Olga, in Kolkata, sets the call's closing time: 17:00 Brussels time.
    await open(olga.page, docId);
    await olga.page.getByRole('button', { name: 'Set deadline' }).click();
    await olga.page.getByLabel('Deadline date and time, in the zone beside it').fill('2027-03-01T17:00');
    expect(await olga.page.getByLabel('Time zone of the deadline').inputValue()).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    await olga.page.getByLabel('Time zone of the deadline').fill('Europe/Brussels');
    await olga.page.getByRole('button', { name: 'Save' }).click();
    const chip = olga.page.locator('.deadline-chip');
    await chip.waitFor();
    expect(await chip.innerText()).toMatch(/^Due 1 Mar 2027, 17:00 Brussels \(21:30 your time\) · /);
    await shoot(olga.page, 'deadline-desktop');

    // Sam, in Sydney, reads the same deadline: Brussels time, and his own (already the next day).
    await open(sam.page, docId);
    expect(await sam.page.locator('.deadline-chip').innerText()).toMatch(/^Due 1 Mar 2027, 17:00 Brussels \(2 Mar 2027, 03:00 your time\) · /);

    // It downloads as an event in Brussels time. (Olga's: a viewer's toolbar is aria-disabled as a whole.)
    const [download] = await Promise.all([olga.page.waitForEvent('download'), olga.page.getByRole('link', { name: 'Add to calendar' }).click()]);
    const file = await download.path();
    const ics = fs.readFileSync(file, 'utf8');
    expect(ics).toContain('DTSTART;TZID=Europe/Brussels:20270301T170000');
    expect(ics).toContain('TZID:Europe/Brussels');

    // The group's list shows it.
    await sam.page.goto(`${base()}/w/${ws}`);
    const badge = sam.page.locator('.doc-row', { hasText: 'ERC Synergy proposal' }).locator('.deadline-badge');
    expect(await badge.innerText()).toBe('Due 1 Mar 2027, 17:00 Brussels (2 Mar 2027, 03:00 your time)');
    await shoot(sam.page, 'document-list-desktop');
    await sam.page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(sam.page)).toBe(false);
    await shoot(sam.page, 'document-list-phone');
    await sam.page.setViewportSize({ width: 1280, height: 800 });

    // Sam subscribes: the secret address works without a session.
    await sam.page.getByRole('button', { name: 'Deadlines in your calendar' }).click();
    await sam.page.getByRole('button', { name: 'Make my feed address' }).click();
    const address = await waitFor(async () => (await sam.page.getByLabel('Your feed address (shown once)').inputValue()) || null, { what: 'the feed address' });
    if (!address) throw new Error('no feed address');
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await feed.text();
    expect(body).toContain('SUMMARY:Deadline: ERC Synergy proposal');
    expect(body).toContain('DTSTART;TZID=Europe/Brussels:20270301T170000');
    await shoot(sam.page, 'calendar-feed-desktop');

    // On a phone the document page shows the deadline without scrolling sideways.
    await olga.page.setViewportSize({ width: 390, height: 844 });
    await open(olga.page, docId);
    await olga.page.locator('.deadline-chip').waitFor();
    await shoot(olga.page, 'deadline-phone');
    expect([...olga.errors, ...sam.errors]).toEqual([]);
  });
});
