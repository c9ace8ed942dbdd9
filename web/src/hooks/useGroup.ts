// The current group as stored (GET /api/v1/groups/{group}): its AWS integration, SBOM export
// settings and schedule, for the group settings pages.
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { useGroupId } from '../layout/GroupContext';
import { useQuery } from './useQuery';

export function useGroup() {
  const groupId = useGroupId();
  return useQuery(() => unwrap(api.GET('/api/v1/groups/{group}', { params: { path: { group: groupId } } })), [groupId]);
}
