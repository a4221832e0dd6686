/** Typed calls for the links in mail (shared/api/mail.ts): each acts only on POST, sent from a page's button. */
import type { UnsubscribedView } from '../../../shared/api/mail.js';
import { request } from '../../lib/api';

export const mailApi = {
  requestReset: (email: string) => request<null>('POST', '/api/auth/password-reset', { email }),
  confirmReset: (token: string, newPassword: string) => request<{ signedOut: number }>('POST', '/api/auth/password-reset/confirm', { token, newPassword }),
  verify: (token: string) => request<{ email: string }>('POST', '/api/auth/verify-email', { token }),
  unsubscribe: (token: string) => request<UnsubscribedView>('POST', '/api/mail/unsubscribe', { token }),
  askVerification: () => request<null>('POST', '/api/me/email-verification'),
};
