/** A member of a working group as the API shows them; every field listed explicitly. */
import type { MemberView } from '../../../shared/api/workspaces.js';
import type { MemberRecord } from '../../storage/workspaces.js';

export function presentMember(member: MemberRecord): MemberView {
  return {
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    timeZone: member.timeZone,
    joinedAt: member.joinedAt,
  };
}
