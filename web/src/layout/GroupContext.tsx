// The caller's groups (GET /api/v1/groups) and the one the URL names (/groups/:groupId/...).
import { createContext, useContext, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { Group } from '../api/types';
import { useQuery, type Query } from '../hooks/useQuery';

const GroupsContext = createContext<Query<Group[]> | null>(null);

export function GroupsProvider({ children }: { children: ReactNode }) {
  const groups = useQuery(async () => (await unwrap(api.GET('/api/v1/groups'))).groups, []);
  return <GroupsContext.Provider value={groups}>{children}</GroupsContext.Provider>;
}

export function useGroups(): Query<Group[]> {
  const groups = useContext(GroupsContext);
  if (!groups) throw new Error('useGroups outside GroupsProvider');
  return groups;
}

/** The group id of the current route. */
export function useGroupId(): number {
  const { groupId } = useParams();
  return Number(groupId);
}

/** The current group, once the list has loaded. */
export function useCurrentGroup(): Group | undefined {
  const id = useGroupId();
  return useGroups().data?.find((g) => g.id === id);
}
