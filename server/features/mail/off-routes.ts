/**
 * Without SMTP_URL: the mail routes answer 404 `email_off` (instead of falling through to the signed-in
 * API's 401), so the reset and verification pages can say that email is not set up on this server.
 */
import { Hono } from 'hono';
import { ApiError } from '../../http/errors.js';

const MAIL_PATHS = ['/api/auth/password-reset', '/api/auth/password-reset/confirm', '/api/auth/verify-email', '/api/me/email-verification', '/api/mail/unsubscribe'];

export function mailOffRoutes(): Hono {
  const app = new Hono();
  for (const path of MAIL_PATHS) {
    app.post(path, () => {
      throw new ApiError(404, 'email_off', 'email is not set up on this server');
    });
  }
  return app;
}
