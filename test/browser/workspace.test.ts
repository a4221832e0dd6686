/**
 * The workspace client end to end, in Chromium against a real server with the default session policy:
 * people sign up, make a working group, invite each other by link, write a grant proposal together
 * across time zones, read only as a viewer, keep writing offline, and find everything after a reload.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { browserTestsEnabled, buildClient, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { clockAfter, clocksIn, editorText, newPerson, newTab, signUpHere, statusText, typeAtEnd, unexpectedErrors, type Person } from './workspace-helpers.js';

describe.skipIf(!browserTestsEnabled())('workspace client in Chromium', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
  }, 180_000);

  afterEach(async () => {
    for (const person of people.splice(0)) await person.context.close();
    await server?.dispose();
    server = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    build?.dispose();
  });

  /** An owner invites by role through the Members tab and returns the link shown once. */
  async function invite(owner: Person, workspaceUrl: string, role: 'editor' | 'viewer'): Promise<string> {
    const { page } = owner;
    await page.goto(`${workspaceUrl}?tab=members`);
    await page.getByLabel('Invitation role').selectOption(role);
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await waitFor(async () => page.getByTestId('invite-link').inputValue(), { what: 'invitation link' });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    return link;
  }

  /** Someone without an account opens an invitation link, signs up from there, and accepts it. */
  async function join(person: Person, link: string): Promise<void> {
    const { page } = person;
    await page.goto(link);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await signUpHere(person);
    await page.waitForURL((url) => url.pathname.startsWith('/invite/'));
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/w/'));
  }

  it('two people in different time zones write a grant proposal together; a viewer reads; offline edits merge', async () => {
    if (!build || !browser) throw new Error('setup failed');
    server = await startTestServer({ distDir: build.distDir });
    const alice = await newPerson(browser, 'Alice Berlin', 'Europe/Berlin');
    const bob = await newPerson(browser, 'Bob Kolkata', 'Asia/Kolkata');
    const carol = await newPerson(browser, 'Carol Viewer', 'America/New_York');
    people.push(alice, bob, carol);

    // Alice signs up and makes a working group from scratch.
    await alice.page.goto(`${server.url}/`);
    await alice.page.getByRole('link', { name: 'Create an account' }).click();
    await signUpHere(alice);
    await alice.page.getByRole('heading', { name: 'Working groups', exact: true }).waitFor();
    await alice.page.getByText('No working groups yet').waitFor();
    await alice.page.getByLabel('Working group name').fill('Malaria vaccine consortium');
    await alice.page.getByRole('button', { name: 'Create working group' }).click();
    await alice.page.waitForURL((url) => url.pathname.startsWith('/w/'));
    const workspaceUrl = alice.page.url();
    await alice.page.getByText('No documents yet').waitFor();

    // Bob joins as an editor through the link; Carol as a viewer.
    await join(bob, await invite(alice, workspaceUrl, 'editor'));
    await join(carol, await invite(alice, workspaceUrl, 'viewer'));
    await alice.page.goto(`${workspaceUrl}?tab=members`);
    expect(await alice.page.getByLabel('Role of Bob Kolkata').inputValue()).toBe('editor');
    expect(await alice.page.getByLabel('Role of Carol Viewer').inputValue()).toBe('viewer');

    // Bob works 2-3 hours from now (his time), so he is outside his working hours now.
    await bob.page.goto(`${server.url}/profile`);
    // Chromium's ICU still calls it Asia/Calcutta; the city is shown as Kolkata either way.
    expect(await bob.page.getByLabel('Time zone').inputValue()).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    await bob.page.getByLabel('Show collaborators when I am outside my working hours').check();
    await bob.page.getByLabel('From', { exact: true }).fill(clockAfter('Asia/Kolkata', 2));
    await bob.page.getByLabel('To', { exact: true }).fill(clockAfter('Asia/Kolkata', 3));
    await bob.page.getByRole('button', { name: 'Save profile' }).click();
    await bob.page.getByText('Saved. Open documents').waitFor();

    // Alice creates a grant proposal from the template picker.
    await alice.page.goto(workspaceUrl);
    await alice.page.getByRole('button', { name: 'New document' }).click();
    await alice.page.getByLabel('Title', { exact: true }).fill('Joint grant proposal');
    await alice.page.getByLabel(/Grant proposal/).check();
    await alice.page.getByRole('button', { name: 'Create document' }).click();
    await alice.page.waitForURL((url) => url.pathname.startsWith('/d/'));
    const docUrl = alice.page.url();
    const docId = new URL(docUrl).pathname.slice(3);
    await alice.page.locator('.status[data-connection="connected"]').waitFor();
    await waitFor(async () => (await editorText(alice.page)).includes('Budget'), { what: 'the seeded template' });

    // Bob finds it in the group's list; Carol opens it directly.
    await bob.page.goto(workspaceUrl);
    await bob.page.getByRole('link', { name: 'Joint grant proposal' }).click();
    await carol.page.goto(docUrl);
    for (const person of [bob, carol]) await person.page.locator('.status[data-connection="connected"]').waitFor();

    await typeAtEnd(alice.page, 'Aims drafted by Alice.');
    await waitFor(async () => (await editorText(bob.page)).includes('Aims drafted by Alice.'), { what: 'Bob sees Alice' });
    await typeAtEnd(bob.page, 'Methods from Bob.');
    await waitFor(async () => (await editorText(alice.page)).includes('Methods from Bob.'), { what: 'Alice sees Bob' });
    await waitFor(async () => (await editorText(carol.page)).includes('Methods from Bob.'), { what: 'Carol sees both' });

    // Named carets: each editor sees the other's label.
    await waitFor(async () => (await alice.page.locator('.collaboration-carets__label').allInnerTexts()).includes('Bob Kolkata'), { what: "Bob's caret at Alice" });
    await waitFor(async () => (await bob.page.locator('.collaboration-carets__label').allInnerTexts()).includes('Alice Berlin'), { what: "Alice's caret at Bob" });

    // Presence: Bob's local time and city at Alice's, marked outside his working hours.
    const bobChip = alice.page.locator('.presence-person', { hasText: 'Bob Kolkata' });
    await bobChip.waitFor();
    const chipText = await bobChip.innerText();
    expect(chipText).toContain('Kolkata');
    expect(clocksIn('Asia/Kolkata').some((clock) => chipText.includes(clock))).toBe(true);
    expect(await bobChip.getAttribute('class')).toContain('away');
    expect(await alice.page.locator('.presence-person', { hasText: 'Carol Viewer' }).innerText()).toContain('New York');

    // The viewer cannot type, and the page says why.
    await carol.page.getByText('Read only.').waitFor();
    expect(await carol.page.locator('.doc-body').getAttribute('contenteditable')).toBe('false');
    await carol.page.locator('.doc-body').click();
    await carol.page.keyboard.type('Carol was here');
    expect(await editorText(carol.page)).not.toContain('Carol was here');
    // No greyed-out formatting controls for a viewer (issue 19, item 10): the toolbar has only the features' tools.
    expect(await carol.page.getByRole('toolbar', { name: 'Document actions' }).count()).toBe(1);
    expect(await carol.page.getByRole('button', { name: 'Bold' }).count()).toBe(0);

    // Bob goes offline and keeps typing; the status says so and counts what is kept; back online it merges.
    await bob.page.locator('.status[data-save="saved"]').waitFor();
    await bob.context.setOffline(true);
    await bob.page.locator('.status[data-connection="offline"]').waitFor();
    await typeAtEnd(bob.page, 'Budget note typed offline.');
    await waitFor(async () => /^Offline, \d+ changes kept on this device$/.test(await statusText(bob.page)), { what: 'offline count' });
    expect(await editorText(alice.page)).not.toContain('Budget note typed offline.');
    await bob.context.setOffline(false);
    await bob.page.locator('.status[data-connection="connected"][data-save="saved"]').waitFor({ timeout: 20_000 });
    expect(await statusText(bob.page)).toBe('Saved');
    await waitFor(async () => (await editorText(alice.page)).includes('Budget note typed offline.'), { what: 'offline edit merged' });

    // A tab closed while offline loses nothing: the local copy syncs when the document is next opened.
    await bob.context.setOffline(true);
    await bob.page.locator('.status[data-connection="offline"]').waitFor();
    await typeAtEnd(bob.page, 'Timeline written on the train.');
    // y-indexeddb writes each update as it happens; wait until this one is in the local copy.
    await waitFor(
      () =>
        bob.page.evaluate(async (id) => {
          const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.endsWith(`:${id}`));
          if (names.length !== 1) return false;
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open(names[0] ?? '');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const count = await new Promise<number>((resolve) => {
            const request = db.transaction('updates').objectStore('updates').count();
            request.onsuccess = () => resolve(request.result);
          });
          db.close();
          return count > 0;
        }, docId),
      { what: 'local copy written' },
    );
    await bob.page.close();
    await bob.context.setOffline(false);
    expect(await editorText(alice.page)).not.toContain('Timeline written on the train.');
    const bobAgain = await newTab(bob);
    await bobAgain.goto(docUrl);
    await waitFor(async () => (await editorText(alice.page)).includes('Timeline written on the train.'), { what: 'closed-tab edit synced', timeoutMs: 20_000 });
    await bobAgain.locator('.status[data-save="saved"]').waitFor();

    // Everything is on the server: a reload shows it all, and the stored document has it.
    await alice.page.reload();
    await alice.page.locator('.status[data-connection="connected"]').waitFor();
    const expected = ['Aims drafted by Alice.', 'Methods from Bob.', 'Budget note typed offline.', 'Timeline written on the train.'];
    // A reload replays the local copy and resyncs with the server; on two shared cores that can take a while.
    await waitFor(async () => {
      const text = await editorText(alice.page);
      const missing = expected.filter((line) => !text.includes(line));
      if (missing.length === 0) return true;
      // This wait has failed intermittently in CI (about 1 run in 5): say what the page was showing.
      const status = await alice.page.locator('.status').first().evaluate((el) => `${el.getAttribute('data-connection')}/${el.getAttribute('data-save')} "${el.textContent}"`);
      throw new Error(`missing ${JSON.stringify(missing)}; status ${status}`);
    }, { what: 'content after reload', timeoutMs: 30_000 });
    const stored = server.hub.registry.peek(docId)?.doc.getXmlFragment(DOCUMENT_FRAGMENT).toString() ?? '';
    for (const line of expected) expect(stored).toContain(line);

    for (const person of people) expect(unexpectedErrors(person.errors), person.name).toEqual([]);
  }, 240_000);
});
