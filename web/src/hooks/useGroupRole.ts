// The caller's role in the current group (GET /api/v1/me); a site administrator counts as an
// owner everywhere, as the API treats them.
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { Role } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { useGroupId } from '../layout/GroupContext';
import { useQuery } from './useQuery';

export function useGroupRole(): Role | undefined {
  const group = useGroupId();
  const { session } = useSession();
  const me = useQuery(() => unwrap(api.GET('/api/v1/me')), [session?.user.id]);
  if (session?.user.is_admin) return 'owner';
  return me.data?.groups.find((g) => g.id === group)?.role;
}

/** Group owners and admins may change the group's settings. */
export function isGroupAdmin(role: Role | undefined): boolean {
  return role === 'owner' || role === 'admin';
}
