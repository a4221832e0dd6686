/** Invitation attacks, in-process: expired, revoked, used, forged and misaddressed invitations gain nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, uniqueEmail } from '../../../test/auth/api-client.js';
import { startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';

let server: InProcessApp;
const clock = { now: Date.now() };

beforeAll(async () => {
  server = await startInProcess({
    auth: {
      now: () => clock.now,
      throttle: {
        loginPerIp: { points: 1000, durationSeconds: 60 },
        loginFailuresPerAccount: { points: 1000, durationSeconds: 60 },
        signupPerIp: { points: 1000, durationSeconds: 60 },
      },
    },
  });
});
afterAll(async () => {
  await server?.dispose();
});


describe('invitation attacks', () => {
  async function setup() {
    const owner = server.client();
    await owner.signup('Owner');
    const ws = await owner.workspace();
    const guest = server.client();
    const guestUser = await guest.signup('Guest');
    const invite = async (body: Record<string, unknown> = { role: 'editor' }) => {
      const res = await owner.post(`/api/workspaces/${ws}/invites`, body);
      return res.body as { token: string; invite: { id: string } };
    };
    return { owner, ws, guest, guestUser, invite };
  }

  it('expired, revoked and used invitations fail with 410; the invitee gains nothing', async () => {
    const { owner, ws, guest, invite } = await setup();
    const expiring = await invite({ role: 'editor', expiresInHours: 1 });
    clock.now += 3600_000 + 1;
    const expired = await guest.post(`/api/invites/${expiring.token}/accept`);
    expect(expired.status).toBe(410);
    expect(errorOf(expired).code).toBe('invite_expired');

    const revokedInvite = await invite();
    expect((await owner.delete(`/api/workspaces/${ws}/invites/${revokedInvite.invite.id}`)).status).toBe(204);
    const revoked = await guest.post(`/api/invites/${revokedInvite.token}/accept`);
    expect(revoked.status).toBe(410);
    expect(errorOf(revoked).code).toBe('invite_revoked');
    expect((await guest.get(`/api/workspaces/${ws}`)).status).toBe(404);

    const once = await invite({ role: 'viewer' });
    expect((await guest.post(`/api/invites/${once.token}/accept`)).status).toBe(200);
    const third = server.client();
    await third.signup('Third');
    const reused = await third.post(`/api/invites/${once.token}/accept`);
    expect(reused.status).toBe(410);
    expect(errorOf(reused).code).toBe('invite_used');
    expect((await third.get(`/api/workspaces/${ws}`)).status).toBe(404);
  });

  it('forged or bit-flipped invitation tokens are 404; one addressed to another email is 403; signed-out accept is 401', async () => {
    const { ws, guest, invite } = await setup();
    const { token } = await invite();
    const flipped = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect((await guest.post(`/api/invites/${flipped}/accept`)).status).toBe(404);
    expect((await guest.post('/api/invites/aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa/accept')).status).toBe(404);
    expect((await guest.post(`/api/invites/${token.split('.')[0]}/accept`)).status).toBe(404);
    expect((await server.client().post(`/api/invites/${token}/accept`)).status).toBe(401);

    const addressed = await invite({ role: 'editor', email: uniqueEmail('someone-else') });
    const wrongPerson = await guest.post(`/api/invites/${addressed.token}/accept`);
    expect(wrongPerson.status).toBe(403);
    expect((await guest.get(`/api/workspaces/${ws}`)).status).toBe(404);
    // The invitation token is stored hashed, like session secrets.
    const rows = await server.storage.db.selectFrom('invites').select(['id', 'secret_hash']).execute();
    for (const row of rows) expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1]);
  });
});

describe('invitation preview', () => {
  it('names the group, the inviter and the role to a signed-out holder of the link, and nothing more', async () => {
    const owner = server.client();
    await owner.signup('Olga Owner');
    const ws = await owner.workspace('Cardiology group');
    const made = await owner.post(`/api/workspaces/${ws}/invites`, { role: 'commenter', email: uniqueEmail('invitee') });
    const { token, invite } = made.body as { token: string; invite: { expiresAt: number; email: string } };

    const preview = await server.client().get(`/api/invites/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      invite: { workspaceName: 'Cardiology group', invitedBy: 'Olga Owner', role: 'commenter', expiresAt: invite.expiresAt, addressed: true },
    });
    expect(preview.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(preview.body)).not.toContain(invite.email);
  });

  it('answers 404 for unknown or forged tokens and 410 for used, expired and revoked ones, without naming the group', async () => {
    const owner = server.client();
    await owner.signup('Olga Owner');
    const ws = await owner.workspace('Secret project group');
    const invite = async (body: Record<string, unknown> = { role: 'editor' }) =>
      (await owner.post(`/api/workspaces/${ws}/invites`, body)).body as { token: string; invite: { id: string } };
    const anyone = server.client();

    const { token } = await invite();
    const flipped = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect((await anyone.get(`/api/invites/${flipped}`)).status).toBe(404);
    expect((await anyone.get('/api/invites/not-a-token')).status).toBe(404);

    const used = await invite();
    const joiner = server.client();
    await joiner.signup('Jo Joiner');
    expect((await joiner.post(`/api/invites/${used.token}/accept`)).status).toBe(200);
    const revoked = await invite();
    expect((await owner.delete(`/api/workspaces/${ws}/invites/${revoked.invite.id}`)).status).toBe(204);
    const expiring = await invite({ role: 'viewer', expiresInHours: 1 });
    clock.now += 3600_000 + 1;

    for (const [link, code] of [
      [used.token, 'invite_used'],
      [revoked.token, 'invite_revoked'],
      [expiring.token, 'invite_expired'],
    ] as const) {
      const answer = await anyone.get(`/api/invites/${link}`);
      expect(answer.status).toBe(410);
      expect(errorOf(answer).code).toBe(code);
      expect(JSON.stringify(answer.body)).not.toContain('Secret project');
    }
  });
});
