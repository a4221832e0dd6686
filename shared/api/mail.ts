/**
 * Email where accounts need it (only when the server has SMTP). Links in mails open client pages that
 * act only on POST, because mail gateways prefetch every GET link.
 *
 *   POST /api/auth/password-reset          { email }               → 202 (always: says nothing about who has an account)
 *   POST /api/auth/password-reset/confirm  { token, newPassword }  → 200; every session of the account ends
 *   POST /api/auth/verify-email            { token }               → 200 { email }
 *   POST /api/me/email-verification                                → 202 (a verification link to your address)
 *   POST /api/mail/unsubscribe?token=…     (RFC 8058 one-click, or { token } as JSON) → 200 { scope }
 * Without SMTP these routes are not mounted: 404 `not_found`.
 */
import { z } from 'zod';
import { email, newPassword } from './fields.js';

export const passwordResetInput = z.object({ email });
export const confirmResetInput = z.object({ token: z.string().min(1).max(200), newPassword });
export const verifyEmailInput = z.object({ token: z.string().min(1).max(200) });
export const unsubscribeInput = z.object({ token: z.string().min(1).max(400) });

export interface UnsubscribedView {
  scope: 'all' | 'digest';
}
