/**
 * Issue 14's mail, end to end in Chromium: two server nodes on one PostgreSQL and Redis, a real SMTP
 * server on 127.0.0.1, and one injected clock for both nodes (time moves when the test says so, never
 * by sleeping). Alice (Asia/Kolkata) on node A mentions Bob (Europe/London) in the text and in a
 * comment while his page is open on node B: his bell moves at once; past the delay exactly one mail
 * carries both mentions with their links (two nodes, received once), and its links open the mention
 * and the comment in his browser. A notification he read in the page is never mailed. A mention at
 * his local 23:00 waits for his next 08:00, when the digest of the followed document's changes
 * arrives too; and across the change to summer time (Sunday 28 March 2027) a mention held overnight
 * and the digest go out at 08:00 BST, 07:00 UTC.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD } from './workspace-helpers.js';

const MIN = 60_000;
/** The one clock both nodes read (sessions, notifications, the mail scheduler). */
let clock = Date.UTC(2027, 2, 26, 10, 0); // Friday 26 March 2027, 10:00 in London (GMT), 15:30 in Kolkata

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A port nobody listens on now. The nodes' origins must be known before they start, since with
 * PUBLIC_URL set only configured origins may write (PUBLIC_URL is node A, ALLOWED_ORIGINS node B).
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `value`, or a throw that makes waitFor try again. */
function present<T>(value: T | null | undefined | false): T {
  if (value === null || value === undefined || value === false) throw new Error('not yet');
  return value;
}

const enabled = browserTestsEnabled();

describeWithPostgres('issue 14’s mail across nodes and time zones (Chromium, PostgreSQL + Redis, SMTP)', (databaseUrl) => {
  let build: ClientBuild | undefined;
  let browser: Browser | undefined;
  let schema: TestSchema | undefined;
  let sink: SmtpSink | undefined;
  const nodes: TestServer[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!enabled) return;
    const redisUrl = process.env.REDIS_URL;
    if (!redisUrl) throw new Error('REDIS_URL is not set: the two-node mail test needs Redis');
    build = await buildClient();
    browser = await launchBrowser();
    schema = await createTestSchema(databaseUrl);
    sink = await startSmtpSink();
    const [portA, portB] = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema.name,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `confer-test-${randomBytes(4).toString('hex')}:`,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Confer <confer@confer.test>',
      // Mail links point at node A; Bob's cookie is for 127.0.0.1, so it opens there too.
      PUBLIC_URL: `http://127.0.0.1:${portA}`,
      ALLOWED_ORIGINS: `http://127.0.0.1:${portB}`,
    };
    const options = { distDir: build.distDir, auth: { now: () => clock }, mailTimings: { pollMs: 50 } };
    nodes.push(await startTestServer({ ...options, env: { ...env, PORT: String(portA) } }));
    nodes.push(await startTestServer({ ...options, env: { ...env, PORT: String(portB) } }));
  }, 180_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    for (const node of nodes.splice(0)) await node.dispose();
    await sink?.close();
    await schema?.drop();
    build?.dispose();
  });

  async function person(node: TestServer, name: string, timeZone: string): Promise<{ context: BrowserContext; page: Page; errors: string[]; id: string; email: string }> {
    if (!browser) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: timeZone });
    contexts.push(context);
    const email = `${name.split(' ')[0]!.toLowerCase()}-${randomBytes(3).toString('hex')}@example.org`;
    const { user } = await post<{ user: { id: string } }>(context.request, `${node.url}/api/auth/signup`, { name, email, password: PASSWORD, timeZone });
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page), id: user.id, email };
  }

  const mailsTo = (email: string): ParsedMail[] => (sink?.messages ?? []).filter((m) => JSON.stringify(m.to ?? '').includes(email));
  const notificationMails = (email: string) => mailsTo(email).filter((m) => m.subject !== 'Your Confer digest');
  const options = (page: Page) => page.getByRole('listbox', { name: 'Mention someone' }).getByRole('option').allInnerTexts();

  /** Bob's mail rows not yet finished, as the scheduler of either node left them. */
  async function pendingRows(userId: string): Promise<Array<{ kind: string; due_at: number }>> {
    const db = nodes[0]!.storage.db;
    const rows = await db.selectFrom('mail_outbox').select(['kind', 'due_at']).where('user_id', '=', userId).where('done_at', 'is', null).execute();
    return rows.map((r) => ({ kind: r.kind, due_at: Number(r.due_at) }));
  }

  /** Every notification row of Bob's is finished: a later tick of either node could not send it again. */
  async function settled(userId: string): Promise<boolean> {
    return (await pendingRows(userId)).every((r) => r.kind === 'digest' || r.due_at > clock);
  }

  async function mentionInText(page: Page, before: string, after: string): Promise<void> {
    await page.keyboard.type(before + '@Bo');
    await waitFor(async () => (await options(page)).length === 1, { what: 'Bob offered in the text' });
    await page.keyboard.press('Enter');
    await page.keyboard.type(after);
  }

  it.skipIf(!enabled)('Bob is mailed once, after the delay, only what he has not read, never at night, and gets his digest at 08:00', async () => {
    const [nodeA, nodeB] = nodes as [TestServer, TestServer];
    const alice = await person(nodeA, 'Alice Iyer', 'Asia/Kolkata');
    const bob = await person(nodeB, 'Bob Hughes', 'Europe/London');
    const { workspace } = await post<{ workspace: { id: string } }>(alice.context.request, `${nodeA.url}/api/workspaces`, { name: 'Sepsis study' });
    const { document } = await post<{ document: { id: string } }>(alice.context.request, `${nodeA.url}/api/workspaces/${workspace.id}/documents`, { title: 'Protocol' });
    const { token } = await post<{ token: string }>(alice.context.request, `${nodeA.url}/api/workspaces/${workspace.id}/invites`, { role: 'editor' });
    await post(bob.context.request, `${nodeB.url}/api/invites/${token}/accept`, {});

    // Bob has the document open on node B.
    await bob.page.goto(`${nodeB.url}/d/${document.id}`);
    await bob.page.locator('.status[data-connection="connected"]').waitFor();
    const bell = bob.page.locator('.bell-button');
    await bob.page.locator('.bell-button[data-unread="0"]').waitFor();

    // Alice, on node A, mentions him in the text and in a comment; his bell counts both at once.
    const page = alice.page;
    await page.goto(`${nodeA.url}/d/${document.id}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await page.locator('.doc-body').click();
    await mentionInText(page, 'Dose check by ', ' before Monday.');
    await bob.page.locator('.bell-button[data-unread="1"]').waitFor();
    for (let i = 0; i < 'Monday.'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.getByRole('tab', { name: 'Comments' }).click();
    await page.getByLabel('Comment on the selected text…').click();
    await page.keyboard.type('Can you confirm, @Bo');
    await waitFor(async () => (await options(page)).length === 1, { what: 'Bob offered in the comment' });
    await page.keyboard.press('Enter');
    await page.keyboard.type('?');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await bob.page.locator('.bell-button[data-unread="2"]').waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(mailsTo(bob.email)).toHaveLength(0);
    // Both are queued before the clock moves, so one tick of either node finds them due together.
    await waitFor(async () => (await pendingRows(bob.id)).filter((r) => r.kind === 'notification').length === 2, { what: 'both mentions queued for mail' });

    // Past the delay (10 minutes): one mail with both mentions and their links, from one of the two nodes.
    clock += 11 * MIN;
    const first = await waitFor(() => present(notificationMails(bob.email)[0]), { what: "Bob's first mail", timeoutMs: 30_000 });
    await waitFor(() => settled(bob.id), { what: 'the first mail recorded', timeoutMs: 30_000 });
    expect(notificationMails(bob.email)).toHaveLength(1);
    expect(first.subject).toBe('2 new notifications in Confer');
    const text = first.text ?? '';
    expect(text).toContain('Dose check by @Bob Hughes');
    expect(text).toContain('Can you confirm, @Bob Hughes ?');
    const base = nodeA.config.publicUrl ?? '';
    const mentionLink = present(new RegExp(`${base}/d/${document.id}\\?mention=[0-9a-f]{20}`).exec(text)?.[0]);
    const commentLink = present(new RegExp(`${base}/d/${document.id}\\?thread=([^&\\s]+)&comment=(\\S+)`).exec(text));
    expect(first.html).toContain(mentionLink);
    expect(mailsTo(alice.email)).toHaveLength(0);

    // He follows the mail's link to the mention, in his browser: the document opens with it selected.
    const mailTab = await bob.context.newPage();
    await mailTab.goto(mentionLink);
    await mailTab.locator(`.doc-body .mention.ProseMirror-selectednode[data-mention-id="${mentionLink.split('=')[1] ?? ''}"]`).waitFor();
    // ...and its link to the comment: the panel opens on that thread with that comment marked.
    await mailTab.goto(commentLink[0]);
    await mailTab.locator(`.thread.active[data-thread-id="${commentLink[1] ?? ''}"] li.linked[data-comment-id="${commentLink[2] ?? ''}"]`).waitFor();
    await mailTab.close();

    // Two more mentions; Bob reads the comment one in the page before the delay: only the other is mailed.
    await page.locator('.doc-body').click();
    await page.keyboard.press('Control+End');
    await mentionInText(page, ' Second look, ', ' please.');
    await bob.page.locator('.bell-button[data-unread="3"]').waitFor();
    for (let i = 0; i < 'please.'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.getByLabel('Comment on the selected text…').click();
    await page.keyboard.type('Also the fluids, @Bo');
    await waitFor(async () => (await options(page)).length === 1, { what: 'Bob offered in the second comment' });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await bob.page.locator('.bell-button[data-unread="4"]').waitFor();
    await bell.click();
    const read = bob.page.locator('.inbox-entry').filter({ hasText: 'Also the fluids' });
    await read.getByRole('button', { name: /^Mark read/ }).click();
    await bob.page.locator('.bell-button[data-unread="3"]').waitFor();
    clock += 11 * MIN;
    const second = await waitFor(() => present(notificationMails(bob.email)[1]), { what: "Bob's second mail", timeoutMs: 30_000 });
    await waitFor(() => settled(bob.id), { what: 'the second mail recorded', timeoutMs: 30_000 });
    expect(notificationMails(bob.email)).toHaveLength(2);
    expect(second.text).toContain('Second look, @Bob Hughes');
    expect(second.text).not.toContain('Also the fluids');

    // Bob follows the document and leaves it (his visit is recorded); Alice goes on writing.
    expect((await bob.context.request.put(`${nodeB.url}/api/documents/${document.id}/follow`, { data: { following: true } })).ok()).toBe(true);
    await post(bob.context.request, `${nodeB.url}/api/documents/${document.id}/visit`, {});
    await bob.page.goto(`${nodeB.url}/`);
    await bob.page.locator('.bell-button').waitFor();

    // Friday 23:00 in London: Alice mentions him; it is held until his next morning, 08:00 GMT Saturday.
    clock = Date.UTC(2027, 2, 26, 23, 0);
    await page.keyboard.press('Escape');
    await page.locator('.doc-body').click();
    await page.keyboard.press('Control+End');
    await mentionInText(page, ' Late thought for ', ' about the lactate threshold and the fluid bolus volume.');
    const saturday = Date.UTC(2027, 2, 27, 8, 0);
    await waitFor(async () => (await pendingRows(bob.id)).length > 0 && (await pendingRows(bob.id)).some((r) => r.kind === 'notification'), { what: 'the night mention queued' });
    clock += 15 * MIN;
    await waitFor(async () => (await pendingRows(bob.id)).some((r) => r.kind === 'notification' && r.due_at === saturday), { what: 'the night mention held until 08:00', timeoutMs: 30_000 });
    // The document's last change is recorded at the end of Alice's burst (a few seconds of quiet).
    const lateEdit = Date.UTC(2027, 2, 26, 23, 0);
    await waitFor(async () => {
      const row = await nodeA.storage.db.selectFrom('documents').select('updated_at').where('id', '=', document.id).executeTakeFirstOrThrow();
      return Number(row.updated_at) >= lateEdit;
    }, { what: 'the late edit recorded as a change', timeoutMs: 30_000 });
    clock = saturday - 1 * MIN;
    await waitFor(async () => (await pendingRows(bob.id)).some((r) => r.kind === 'notification' && r.due_at === saturday), { what: 'still held at 07:59' });
    expect(notificationMails(bob.email)).toHaveLength(2);

    clock = saturday;
    const morning = await waitFor(() => present(notificationMails(bob.email)[2]), { what: "Bob's morning mail", timeoutMs: 30_000 });
    expect(morning.text).toContain('Late thought for @Bob Hughes');
    // The digest at the start of his day: the followed document's changes since his visit, by Alice.
    const digest = await waitFor(() => present(mailsTo(bob.email).find((m) => m.subject === 'Your Confer digest')), { what: "Bob's digest", timeoutMs: 30_000 });
    expect(digest.text).toMatch(/Protocol: \d+ words changed by Alice Iyer/);
    expect(digest.text).toContain(`${base}/d/${document.id}`);
    await waitFor(() => settled(bob.id), { what: 'the morning mail recorded', timeoutMs: 30_000 });

    // Saturday 23:00 GMT; overnight the clocks go forward (01:00 UTC Sunday): 08:00 BST is 07:00 UTC.
    clock = Date.UTC(2027, 2, 27, 23, 0);
    await mentionInText(page, ' And one more for ', '.');
    const sunday = Date.UTC(2027, 2, 28, 7, 0);
    await waitFor(async () => (await pendingRows(bob.id)).some((r) => r.kind === 'notification'), { what: 'the Saturday night mention queued' });
    clock += 15 * MIN;
    await waitFor(async () => {
      const rows = await pendingRows(bob.id);
      if (!rows.some((r) => r.kind === 'notification' && r.due_at === sunday)) throw new Error(`pending: ${rows.map((r) => `${r.kind} ${new Date(r.due_at).toISOString()}`).join(', ')}`);
      return true;
    }, { what: 'the mention held until 08:00 BST', timeoutMs: 30_000 });
    clock = sunday;
    const dst = await waitFor(() => present(notificationMails(bob.email)[3]), { what: "Bob's Sunday mail", timeoutMs: 30_000 });
    expect(dst.text).toContain('And one more for @Bob Hughes');
    // Sunday's digest comes at the same 08:00 BST: the document changed again since his visit.
    const digests = () => mailsTo(bob.email).filter((m) => m.subject === 'Your Confer digest');
    const sundayDigest = await waitFor(() => present(digests()[1]), { what: "Bob's Sunday digest", timeoutMs: 30_000 });
    expect(sundayDigest.text).toMatch(/Protocol: \d+ words changed by Alice Iyer/);
    await waitFor(() => settled(bob.id), { what: 'the Sunday mail recorded', timeoutMs: 30_000 });

    // Two nodes polled all along: every mail was received once.
    const all = mailsTo(bob.email);
    expect(notificationMails(bob.email)).toHaveLength(4);
    expect(digests()).toHaveLength(2);
    expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);
    // The comment he read in the page was never mailed as a notification (the digests do list its open
    // thread under "Threads waiting on you", which it still is).
    expect(notificationMails(bob.email).filter((m) => (m.text ?? '').includes('Also the fluids'))).toHaveLength(0);
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 300_000);
});
