/**
 * Email end to end on SQLite: a real SMTP server on 127.0.0.1 receives the mail, mailparser reads it,
 * links are followed over the app's HTTP interface, and time is an injected clock.
 */
import { Hono } from 'hono';
import * as Y from 'yjs';
import { applyJsonToDoc } from '../../text/index.js';
import { paragraphs } from '../../../test/features/setup.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/auth/api-client.js';
import { inProcessOrigin, startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.js';
import { errorHandler } from '../../http/errors.js';
import { requireSession, type SessionEnv } from '../../http/session.js';
import { inviteRoutes, workspaceInviteRoutes } from '../invites/index.js';
import { createMail, digestSource, isEmailVerified, setupMail, type Mail } from './index.js';
import { tableFeed, type TableFeed } from './test-feed.js';

const MIN = 60_000;
let clock = Date.UTC(2027, 0, 12, 10, 0); // Tuesday 10:00 in London (GMT)
let app: InProcessApp;
let sink: SmtpSink;
let feed: TableFeed;
let mail: Mail;

async function person(name: string, timeZone: string, workingHours?: { start: string; end: string }): Promise<{ client: ApiClient; id: string; email: string }> {
  const client = app.client();
  const { id, email } = await client.signup(name);
  const res = await client.patch('/api/me', { timeZone, ...(workingHours ? { workingHours } : {}) });
  expect(res.status).toBe(200);
  return { client, id, email };
}

function mailsTo(email: string) {
  return sink.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)));
}

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startInProcess({ auth: { now: () => clock } });
  feed = await tableFeed(app.storage.db as never);
  mail = createMail(
    { smtpUrl: sink.url, from: 'Confer <confer@confer.test>', publicUrl: inProcessOrigin },
    {
      db: app.storage.db,
      engine: app.storage.engine,
      accounts: app.stores.accounts,
      auth: app.auth,
      feed,
      digest: digestSource({
        db: app.storage.db,
        readDocument: (id) => app.hub.readDocument(id),
        compare: (a, b) => app.services.versions.compare(a, b),
        names: async (ids) => new Map(ids.map((id) => [id, { name: id }])),
      }),
      log: pino({ level: 'silent' }),
      now: () => clock,
    },
  );
});

afterAll(async () => {
  await mail?.stop();
  await app?.dispose();
  await sink?.close();
});

describe('notification mail', () => {
  it('goes out after the delay, only for what is still unread, with text, HTML, link and one-click unsubscribe', async () => {
    const bob = await person('Bob Brown', 'Europe/London');
    const read = await feed.create(bob.id, 'reply', 'doc1', 'I read this one', clock);
    const unread = await feed.create(bob.id, 'mention', 'doc1', 'Bob, can you check the dose?', clock);
    await mail.scheduler.tick();
    clock += 9 * MIN;
    await mail.scheduler.tick();
    expect(mailsTo(bob.email)).toHaveLength(0);
    await feed.markRead(read, clock);
    clock += 1 * MIN;
    await mail.scheduler.tick();
    const [m] = mailsTo(bob.email);
    expect(mailsTo(bob.email)).toHaveLength(1);
    expect(m?.text).toContain('Bob, can you check the dose?');
    expect(m?.text).not.toContain('I read this one');
    expect(m?.html).toContain(`/d/doc1?mention=m-${unread}`);
    expect(m?.text).toContain(`${inProcessOrigin}/d/doc1?mention=m-${unread}`);
    const header = (key: string) => m?.headerLines.find((h) => h.key === key)?.line ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const oneClick = /<([^>]+)>/.exec(header('list-unsubscribe'))?.[1] ?? '';
    expect(oneClick).toContain('/api/mail/unsubscribe?token=');
    // The one-click POST, as a mail client sends it.
    const res = await mail.unsubscribeRoutes.request(oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    await feed.create(bob.id, 'mention', 'doc1', 'after unsubscribing', clock);
    clock += 10 * MIN;
    await mail.scheduler.tick();
    expect(mailsTo(bob.email)).toHaveLength(1);
    const forged = await mail.unsubscribeRoutes.request(oneClick.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), { method: 'POST' });
    expect(forged.status).toBe(400);
  });

  it('batches a recipient\'s notifications into one mail and leaves kinds set to in-app out', async () => {
    const carol = await person('Carol Chen', 'Europe/London');
    feed.setDelivery(carol.id, 'resolved', 'in-app');
    await feed.create(carol.id, 'mention', 'doc2', 'first', clock);
    await feed.create(carol.id, 'reply', 'doc2', 'second', clock + MIN);
    await feed.create(carol.id, 'resolved', 'doc2', 'in-app only', clock + MIN);
    clock += 11 * MIN;
    await mail.scheduler.tick();
    const got = mailsTo(carol.email);
    expect(got).toHaveLength(1);
    expect(got[0]?.subject).toBe('2 new notifications in Confer');
    expect(got[0]?.text).toContain('first');
    expect(got[0]?.text).toContain('second');
    expect(got[0]?.text).not.toContain('in-app only');
  });

  it('holds a mention made at 23:00 local until the next local morning', async () => {
    const dan = await person('Dan Dunn', 'Europe/London');
    clock = Date.UTC(2027, 0, 13, 23, 0); // 23:00 in London
    await feed.create(dan.id, 'mention', 'doc3', 'late question', clock);
    clock += 10 * MIN;
    await mail.scheduler.tick();
    clock = Date.UTC(2027, 0, 14, 7, 59);
    await mail.scheduler.tick();
    expect(mailsTo(dan.email)).toHaveLength(0);
    clock = Date.UTC(2027, 0, 14, 8, 0);
    await mail.scheduler.tick();
    expect(mailsTo(dan.email)).toHaveLength(1);
  });
});

describe('digest', () => {
  it('arrives at the start of working hours with the deadlines of the week', async () => {
    clock = Date.UTC(2027, 0, 18, 12, 0); // Monday noon
    const eve = await person('Eve Ekwueme', 'Asia/Kolkata', { start: '09:30', end: '18:00' });
    const ws = await eve.client.workspace('Oncology');
    const docId = await eve.client.document(ws, 'Dosing study');
    const put = await eve.client.request('PUT', `/api/documents/${docId}/deadline`, { at: Date.UTC(2027, 0, 20, 12, 0) });
    expect(put.status).toBe(200);
    await mail.scheduler.tick();
    clock = Date.UTC(2027, 0, 19, 3, 59); // 09:29 in Kolkata
    await mail.scheduler.tick();
    expect(mailsTo(eve.email)).toHaveLength(0);
    clock = Date.UTC(2027, 0, 19, 4, 0); // 09:30 in Kolkata
    await mail.scheduler.tick();
    const got = mailsTo(eve.email);
    expect(got).toHaveLength(1);
    expect(got[0]?.subject).toBe('Your Confer digest');
    expect(got[0]?.text).toContain('Dosing study: due');
  });

  it('says which followed documents changed while you were away, by how many words and by whom', async () => {
    clock = Date.UTC(2027, 1, 1, 12, 0);
    const kim = await person('Kim Kaur', 'Europe/London');
    const leo = await person('Leo Lund', 'Europe/London');
    const ws = await kim.client.workspace('Cardiology');
    await kim.client.addMember(ws, leo.client, 'editor');
    const docId = await kim.client.document(ws, 'Echo protocol');
    expect((await kim.client.post(`/api/documents/${docId}/visit`)).status).toBeLessThan(300);
    // Leo writes after Kim's visit: the server applies his edit and records him as its author, as the relay does.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await app.hub.readDocument(docId));
    const before = Y.encodeStateVector(doc);
    applyJsonToDoc(doc, paragraphs('Measure the ejection fraction twice'));
    clock += MIN;
    await app.hub.applyServerUpdate(docId, Y.encodeStateAsUpdate(doc, before));
    await app.stores.documents.recordEdit(docId, clock, [leo.id]);
    await mail.scheduler.tick();
    clock = Date.UTC(2027, 1, 2, 8, 0);
    await mail.scheduler.tick();
    const got = mailsTo(kim.email);
    expect(got).toHaveLength(1);
    expect(got[0]?.text).toMatch(new RegExp(`Echo protocol: \\d+ words changed by ${leo.id}`));
  });

  it('still arrives at 08:00 local across a daylight-saving change', async () => {
    clock = Date.UTC(2027, 2, 27, 12, 0); // Saturday; British Summer Time starts at 01:00 UTC on Sunday 28 March
    const fay = await person('Fay Fox', 'Europe/London');
    const ws = await fay.client.workspace('Physics');
    const docId = await fay.client.document(ws, 'Beam time');
    expect((await fay.client.request('PUT', `/api/documents/${docId}/deadline`, { at: Date.UTC(2027, 2, 30, 12, 0) })).status).toBe(200);
    await mail.scheduler.tick();
    clock = Date.UTC(2027, 2, 28, 6, 59); // 07:59 BST
    await mail.scheduler.tick();
    expect(mailsTo(fay.email)).toHaveLength(0);
    clock = Date.UTC(2027, 2, 28, 7, 0); // 08:00 BST
    await mail.scheduler.tick();
    expect(mailsTo(fay.email)).toHaveLength(1);
  });
});

describe('account mail', () => {
  const post = (path: string, body: unknown) =>
    mail.routes.request(`${inProcessOrigin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const tokenIn = (text: string | undefined, page: string) => decodeURIComponent(new RegExp(`${page}\\?token=([^\\s"&]+)`).exec(text ?? '')?.[1] ?? '');

  it('resets a password by an emailed link: single use, short-lived, every session ended', async () => {
    clock = Date.UTC(2027, 0, 20, 2, 0); // 02:00 in London: account mail is not held for the morning
    const gil = await person('Gil Green', 'Europe/London');
    expect((await post('/api/auth/password-reset', { email: gil.email })).status).toBe(202);
    expect((await post('/api/auth/password-reset', { email: 'nobody@confer.test' })).status).toBe(202);
    await mail.scheduler.tick();
    const sent = mailsTo(gil.email);
    expect(sent).toHaveLength(1);
    const token = tokenIn(sent[0]?.text, '/reset-password');
    expect(token).not.toBe('');
    expect((await gil.client.get('/api/me')).status).toBe(200);
    const done = await post('/api/auth/password-reset/confirm', { token, newPassword: 'a brand new passphrase' });
    expect(done.status).toBe(200);
    expect((await gil.client.get('/api/me')).status).toBe(401);
    expect((await post('/api/auth/password-reset/confirm', { token, newPassword: 'another new passphrase' })).status).toBe(400);
    const login = await app.client().post('/api/auth/login', { email: gil.email, password: 'a brand new passphrase' });
    expect(login.status).toBe(200);

    await post('/api/auth/password-reset', { email: gil.email });
    await mail.scheduler.tick();
    const late = tokenIn(mailsTo(gil.email)[1]?.text, '/reset-password');
    clock += 31 * MIN;
    expect((await post('/api/auth/password-reset/confirm', { token: late, newPassword: 'too late passphrase' })).status).toBe(400);
  });

  it('verifies an address by an emailed link', async () => {
    const hal = await person('Hal Hart', 'Europe/London');
    const ask = await mail.routes.request(`${inProcessOrigin}/api/me/email-verification`, { method: 'POST', headers: { cookie: hal.client.cookie } });
    expect(ask.status).toBe(202);
    await mail.scheduler.tick();
    const token = tokenIn(mailsTo(hal.email)[0]?.text, '/verify-email');
    expect(await isEmailVerified(app.storage.db, hal.id)).toBe(false);
    expect((await post('/api/auth/verify-email', { token })).status).toBe(200);
    expect(await isEmailVerified(app.storage.db, hal.id)).toBe(true);
    expect((await post('/api/auth/verify-email', { token })).status).toBe(400);
  });
});

describe('emailed invitations', () => {
  it('mails an email-bound invitation, which only a verified address can accept', async () => {
    const owner = await person('Ola Owner', 'Europe/London');
    const ws = await owner.client.workspace('Neurology');
    // The invitation routes as main.ts wires them when email is on.
    const deps = { invites: app.stores.invites, workspaces: app.stores.workspaces, now: () => clock, mailInvite: mail.mailInvite, isEmailVerified: mail.isEmailVerified };
    const routes = new Hono<SessionEnv>();
    routes.onError(errorHandler(pino({ level: 'silent' })));
    routes.use('*', requireSession({ auth: app.auth, publicUrl: inProcessOrigin }));
    routes.route('/api/workspaces', workspaceInviteRoutes(deps));
    routes.route('/api/invites', inviteRoutes(deps));
    const as = (cookie: string, path: string, body?: unknown) =>
      routes.request(`${inProcessOrigin}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

    const invitedEmail = `ivy-${Date.now()}@confer.test`;
    const created = await as(owner.client.cookie, `/api/workspaces/${ws}/invites`, { role: 'editor', email: invitedEmail });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { emailed: boolean }).emailed).toBe(true);
    await mail.scheduler.tick();
    const [invitation] = mailsTo(invitedEmail);
    const token = decodeURIComponent(/\/invite\/([^\s"]+)/.exec(invitation?.text ?? '')?.[1] ?? '');
    expect(token).not.toBe('');

    const ivy = app.client();
    const { id: ivyId } = await ivy.signup('Ivy Iqbal', invitedEmail);
    const refused = await as(ivy.cookie, `/api/invites/${token}/accept`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('email_not_verified');

    expect((await mail.routes.request(`${inProcessOrigin}/api/me/email-verification`, { method: 'POST', headers: { cookie: ivy.cookie } })).status).toBe(202);
    await mail.scheduler.tick();
    const verifyToken = decodeURIComponent(/\/verify-email\?token=([^\s"&]+)/.exec(mailsTo(invitedEmail)[1]?.text ?? '')?.[1] ?? '');
    const verified = await mail.routes.request(`${inProcessOrigin}/api/auth/verify-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: verifyToken }) });
    expect(verified.status).toBe(200);
    expect(await isEmailVerified(app.storage.db, ivyId)).toBe(true);
    expect((await as(ivy.cookie, `/api/invites/${token}/accept`)).status).toBe(200);
  });
});

describe('setupMail', () => {
  it('says at start-up that email is off without SMTP, and starts nothing', () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const deps = { db: app.storage.db, engine: app.storage.engine, accounts: app.stores.accounts, auth: app.auth, hub: app.hub, versions: app.services.versions, feed, log };
    expect(setupMail(null, deps)).toBeNull();
    expect(lines.join('')).toContain('email is off');
  });
});
