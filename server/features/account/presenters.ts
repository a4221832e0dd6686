/** The signed-in user as the API shows them; every field listed, so nothing stored leaks by accident. */
import type { MeView } from '../../../shared/api/auth.js';
import { colorFor } from '../../../shared/colors.js';
import type { UserRecord } from '../../storage/accounts.js';

export function presentMe(user: UserRecord): MeView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    color: colorFor(user.id),
    timeZone: user.timeZone,
    workingHours: user.workingHours ? { start: user.workingHours.start, end: user.workingHours.end } : null,
    createdAt: user.createdAt,
  };
}
