// The group's scan history (GET .../scan-runs, newest first) and what it says per server.
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ScanRun } from '../api/types';
import { useQuery } from './useQuery';

export function loadScanRuns(group: number): Promise<ScanRun[]> {
  return unwrap(api.GET('/api/v1/groups/{group}/scan-runs', { params: { path: { group } } })).then((r) => r.scan_runs);
}

export function useScanRuns(group: number) {
  return useQuery(() => loadScanRuns(group), [group]);
}

/** The newest run of each server (runs are newest first). */
export function latestRunByServer(runs: readonly ScanRun[]): Map<number, ScanRun> {
  const latest = new Map<number, ScanRun>();
  for (const run of runs) {
    if (run.server_id !== null && !latest.has(run.server_id)) latest.set(run.server_id, run);
  }
  return latest;
}

export const isFinished = (run: ScanRun) => run.status !== 'queued' && run.status !== 'running';
