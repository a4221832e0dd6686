/** Sign-up, sign-in and the signed-in user's profile. */
import { z } from 'zod';
import { anyPassword, email, newPassword, text, timeZone, workingHours } from './fields.js';

export const signupInput = z.object({
  email,
  password: newPassword,
  name: text('name', 80),
  timeZone: timeZone.optional(),
});
export type SignupInput = z.input<typeof signupInput>;

export const loginInput = z.object({ email, password: anyPassword });
export type LoginInput = z.input<typeof loginInput>;

export const updateMeInput = z
  .object({
    name: text('name', 80).optional(),
    timeZone: timeZone.optional(),
    /** null clears them. */
    workingHours: workingHours.nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.timeZone !== undefined || v.workingHours !== undefined, 'nothing to change');
export type UpdateMeInput = z.input<typeof updateMeInput>;

/** A new password; the current one proves it is the account's owner, not someone at an unlocked screen. */
export const changePasswordInput = z.object({ currentPassword: anyPassword, newPassword });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

/** The signed-in user as the API shows them to themselves. */
export interface MeView {
  id: string;
  email: string;
  name: string;
  /** The colour collaborators see for this user (caret, presence); chosen by the server. */
  color: string;
  timeZone: string;
  workingHours: { start: string; end: string } | null;
  createdAt: number;
}
