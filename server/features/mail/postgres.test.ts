/**
 * Durable delivery on PostgreSQL: two nodes over one database send each mail once, a restart loses
 * none, and a crash after the SMTP server accepted a mail repeats it once with the same Message-ID.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../../../test/helpers/postgres.js';
import { inProcessOrigin, startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.js';
import { createMail, digestSource, smtpTransport, type Mail, type MailTransport } from './index.js';
import { tableFeed, type TableFeed } from './test-feed.js';

const MIN = 60_000;
const log = pino({ level: 'silent' });

describeWithPostgres('mail on PostgreSQL', (url) => {
  let schema: TestSchema;
  let sink: SmtpSink;
  let clock = Date.UTC(2027, 0, 12, 10, 0);
  const apps: InProcessApp[] = [];
  const mails: Mail[] = [];

  async function node(): Promise<InProcessApp> {
    const app = await startInProcess({ auth: { now: () => clock }, env: { DATABASE_URL: url, DATABASE_SCHEMA: schema.name } });
    apps.push(app);
    return app;
  }

  async function mailOf(app: InProcessApp, transport?: MailTransport): Promise<{ mail: Mail; feed: TableFeed }> {
    const feed = await tableFeed(app.storage.db as never);
    const mail = createMail(
      { smtpUrl: sink.url, from: 'confer@confer.test', publicUrl: inProcessOrigin },
      {
        db: app.storage.db,
        engine: app.storage.engine,
        accounts: app.stores.accounts,
        auth: app.auth,
        feed,
        digest: digestSource({ db: app.storage.db, readDocument: (id) => app.hub.readDocument(id), compare: (a, b) => app.services.versions.compare(a, b), names: async () => new Map() }),
        log,
        now: () => clock,
        transport,
      },
      { leaseMs: 2 * MIN },
    );
    mails.push(mail);
    return { mail, feed };
  }

  beforeAll(async () => {
    schema = await createTestSchema(url);
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const m of mails) await m.stop();
    for (const a of apps) await a.dispose();
    await sink?.close();
    await schema?.drop();
  });

  it('two nodes send every mail once, and a restarted node sends what was queued before', async () => {
    const [a, b] = [await node(), await node()];
    expect(a.storage.engine).toBe('postgres');
    const one = await mailOf(a);
    const two = await mailOf(b);
    const people = await Promise.all(
      ['Ann', 'Ben', 'Cat', 'Dev', 'Eli', 'Fen'].map(async (name) => {
        const client = a.client();
        const user = await client.signup(name);
        await client.patch('/api/me', { timeZone: 'Europe/London' });
        return user;
      }),
    );
    for (const p of people) await one.feed.create(p.id, 'mention', 'doc', `for ${p.email}`, clock);
    await one.mail.scheduler.flushQueued();
    // Node one goes away before the mail is due: its rows stay in the database.
    await one.mail.stop();
    clock += 10 * MIN;
    const restarted = await mailOf(a);
    await Promise.all([restarted.mail.scheduler.tick(), two.mail.scheduler.tick()]);
    const recipients = sink.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text).sort();
    expect(recipients).toEqual(people.map((p) => p.email).sort());
  });

  it('a crash after SMTP accepted a mail repeats it at most once, with the same Message-ID', async () => {
    const a = await node();
    const client = a.client();
    const user = await client.signup('Gus');
    await client.patch('/api/me', { timeZone: 'Europe/London' });
    const real = smtpTransport(sink.url, 'confer@confer.test', log);
    let crashes = 1;
    // Accepted by the SMTP server, then the node "dies" before recording it.
    const crashing: MailTransport = {
      async send(m) {
        await real.send(m);
        if (crashes-- > 0) throw new Error('node died after SMTP acceptance');
      },
      close: () => real.close(),
    };
    const { mail, feed } = await mailOf(a, crashing);
    await feed.create(user.id, 'reply', 'doc', 'once please', clock);
    clock += 10 * MIN;
    await mail.scheduler.tick();
    clock += 5 * MIN;
    await mail.scheduler.tick();
    clock += 5 * MIN;
    await mail.scheduler.tick();
    const got = sink.messages.filter((m) => m.text?.includes('once please'));
    expect(got).toHaveLength(2);
    expect(got[0]?.messageId).toBeTruthy();
    expect(got[1]?.messageId).toBe(got[0]?.messageId);
  });
});
