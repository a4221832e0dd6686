/** Account mail and unsubscribe routes (see shared/api/mail.ts); each POST acts, no GET changes anything. */
import { Hono } from 'hono';
import { confirmResetInput, passwordResetInput, unsubscribeInput, verifyEmailInput } from '../../../shared/api/mail.js';
import type { Auth } from '../../auth/index.js';
import { hashPassword } from '../../auth/passwords.js';
import { ApiError } from '../../http/errors.js';
import { requireSession, type SessionEnv } from '../../http/session.js';
import { jsonBody, parseInput } from '../../http/validate.js';
import type { AccountStore } from '../../storage/accounts.js';
import type { Outbox } from './outbox.js';
import { renderAction } from './render.js';
import type { UnsubscribeSigner } from './signing.js';
import type { MailTokenStore } from './tokens.js';
import type { UnsubscribeStore } from './unsubscribes.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';

/** A reset link works this long (short: it stands for the password). */
export const RESET_LIFETIME_MS = 30 * 60_000;
export const VERIFY_LIFETIME_MS = 48 * 60 * 60_000;

export interface MailRouteDeps {
  db: Kysely<Schema>;
  auth: Auth;
  accounts: AccountStore;
  outbox: Outbox;
  tokens: MailTokenStore;
  signer: UnsubscribeSigner;
  unsubscribes: UnsubscribeStore;
  publicUrl: string;
}

/** Routes mounted at the app's root (paths under /api). */
export function mailRoutes(deps: MailRouteDeps): Hono {
  const app = new Hono();
  const now = () => deps.auth.now();
  const queue = async (userId: string, subject: string, intro: string, label: string, path: string) => {
    const mail = renderAction(subject, intro, label, new URL(path, deps.publicUrl).href);
    await deps.outbox.add({ userId, kind: 'account', payload: JSON.stringify(mail), dueAt: now() }, now());
  };

  app.post('/api/auth/password-reset', jsonBody(passwordResetInput), async (c) => {
    const user = await deps.accounts.userByEmail(c.req.valid('json').email);
    if (user) {
      const token = await deps.tokens.issue(user.id, user.email, 'reset', now(), RESET_LIFETIME_MS);
      await queue(user.id, 'Reset your Confer password', 'Someone asked to reset the password of your Confer account.', 'Choose a new password', `/reset-password?token=${encodeURIComponent(token)}`);
    }
    return c.body(null, 202);
  });

  app.post('/api/auth/password-reset/confirm', jsonBody(confirmResetInput), async (c) => {
    const { token, newPassword } = c.req.valid('json');
    const used = await deps.tokens.use(token, 'reset', now());
    if (!used) throw new ApiError(400, 'invalid_token', 'this reset link is not valid any more: ask for a new one');
    // No session is kept: whoever held the old password is signed out everywhere.
    const ended = await deps.accounts.changePassword(used.userId, await hashPassword(newPassword), '', now());
    deps.auth.revoker.sessionsSignedOut(ended, 'your password was reset: sign in again');
    return c.json({ signedOut: ended.length });
  });

  app.post('/api/auth/verify-email', jsonBody(verifyEmailInput), async (c) => {
    const used = await deps.tokens.use(c.req.valid('json').token, 'verify', now());
    const user = used && (await deps.accounts.userById(used.userId));
    // A link for an address the account no longer has verifies nothing.
    if (!used || !user || user.email !== used.email) throw new ApiError(400, 'invalid_token', 'this verification link is not valid any more');
    await deps.db.updateTable('users').set({ email_verified_at: now() }).where('id', '=', user.id).execute();
    return c.json({ email: user.email });
  });

  const me = new Hono<SessionEnv>();
  me.use('*', requireSession({ auth: deps.auth, publicUrl: deps.publicUrl }));
  me.post('/', async (c) => {
    const user = c.get('session').user;
    const token = await deps.tokens.issue(user.id, user.email, 'verify', now(), VERIFY_LIFETIME_MS);
    await queue(user.id, 'Verify your email address for Confer', `Confirm that ${user.email} is your address.`, 'Verify my address', `/verify-email?token=${encodeURIComponent(token)}`);
    return c.body(null, 202);
  });
  app.route('/api/me/email-verification', me);

  return app;
}

/**
 * POST /api/mail/unsubscribe, mounted before the API's origin guard: a mail client's one-click POST
 * (RFC 8058) comes from no page of ours, and the signed token is its only credential. It only ever
 * turns mail off, so a forged cross-site POST could do no more than the token's holder.
 */
export function unsubscribeRoutes(deps: Pick<MailRouteDeps, 'signer' | 'unsubscribes' | 'auth'>): Hono {
  const app = new Hono();
  const now = () => deps.auth.now();
  app.post('/api/mail/unsubscribe', async (c) => {
    // One-click (RFC 8058) sends a form body and the token in the URL; our page sends JSON.
    const fromQuery = c.req.query('token');
    const token = fromQuery ?? parseInput(unsubscribeInput, await c.req.json().catch(() => ({}))).token;
    const signed = await deps.signer.verify(token);
    if (!signed) throw new ApiError(400, 'invalid_token', 'this unsubscribe link is not valid');
    await deps.unsubscribes.add(signed.userId, signed.scope, now());
    return c.json({ scope: signed.scope });
  });

  return app;
}

/**
 * Queues an invitation's link to `to`. The row belongs to the inviter (the invited person may have no
 * account yet) and carries the address; account mail is never held for anyone's night.
 */
export async function queueInvitation(outbox: Outbox, publicUrl: string, now: number, to: string, token: string, inviterId: string, workspaceName: string): Promise<void> {
  const rendered = renderAction(`You are invited to ${workspaceName} on Confer`, `You are invited to join the working group ${workspaceName} on Confer.`, 'See the invitation', new URL(`/invite/${encodeURIComponent(token)}`, publicUrl).href);
  await outbox.add({ userId: inviterId, kind: 'account', payload: JSON.stringify({ ...rendered, to }), dueAt: now }, now);
}

/** Queues an invitation to one document as a guest (features/sharing): it names the document, not a group to join. */
export async function queueDocumentInvitation(outbox: Outbox, publicUrl: string, now: number, to: string, token: string, inviterId: string, documentTitle: string): Promise<void> {
  const rendered = renderAction(
    `“${documentTitle}” was shared with you on Confer`,
    `You are invited to the document “${documentTitle}” on Confer. Create an account with this address, then accept the invitation.`,
    'Open the invitation',
    new URL(`/invite/${encodeURIComponent(token)}`, publicUrl).href,
  );
  await outbox.add({ userId: inviterId, kind: 'account', payload: JSON.stringify({ ...rendered, to }), dueAt: now }, now);
}

/** Whether an account's address is verified (email-bound invitations require it when email is on). */
export async function isEmailVerified(db: Kysely<Schema>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('email_verified_at').where('id', '=', userId).executeTakeFirst();
  return row?.email_verified_at != null;
}
