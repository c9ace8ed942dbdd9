// Scan runs: type, trigger, status, counts; a failed run shows its step, the missing
// permission and the fix (R20).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ScanRun } from '../api/types';
import { ScanStatusBadge } from './Badge';
import { DataTable } from './DataTable';
import { formatTime } from './format';

function RunError({ run }: { run: ScanRun }) {
  const { t } = useTranslation();
  if (!run.error) return null;
  const e = run.error;
  return (
    <dl className="run-error" data-testid="run-error">
      {e.step && (<><dt>{t('scanHistory.step')}</dt><dd className="mono">{e.step}</dd></>)}
      {e.missing_permission && (<><dt>{t('scanHistory.missingPermission')}</dt><dd className="mono">{e.missing_permission}</dd></>)}
      {e.message && (<><dt>{t('scanHistory.message')}</dt><dd>{e.message}</dd></>)}
      {e.hint && (<><dt>{t('scanHistory.fix')}</dt><dd>{e.hint}</dd></>)}
    </dl>
  );
}

function Counts({ run }: { run: ScanRun }) {
  const { t } = useTranslation();
  if (run.type === 'sbom') {
    return <>{t('scanHistory.sbomCounts', { imported: run.resources_imported ?? 0, skipped: run.resources_skipped ?? 0, components: run.components_imported ?? 0 })}</>;
  }
  if (run.type === 'sbom_file' && run.components_imported !== undefined && run.components_imported !== null) {
    return <>{t('scanHistory.sbomFileCounts', { components: run.components_imported, findings: run.findings_seen, created: run.tasks_created, reopened: run.tasks_reopened, patched: run.tasks_patched })}</>;
  }
  return <>{t('scanHistory.counts', { findings: run.findings_seen, created: run.tasks_created, reopened: run.tasks_reopened, patched: run.tasks_patched })}</>;
}

export function ScanRunTable({ group, runs, serverNames }: { group: number; runs: ScanRun[]; serverNames?: Map<number, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable<ScanRun>
      caption={t('scanHistory.title')}
      testId="scan-runs"
      rows={runs}
      rowKey={(r) => r.id}
      empty={t('scanHistory.empty')}
      columns={[
        { key: 'id', header: t('scanHistory.run'), className: 'num', cell: (r) => `#${r.id}` },
        { key: 'type', header: t('scanHistory.type'), cell: (r) => <span data-testid="scan-type">{t(`scanType.${r.type}`)}</span> },
        { key: 'trigger', header: t('scanHistory.trigger'), cell: (r) => t(`scanTrigger.${r.trigger}`) },
        { key: 'server', header: t('tasks.server'), cell: (r) => (r.server_id === null ? t('scanHistory.wholeGroup') : <Link to={`/groups/${group}/servers/${r.server_id}`}>{serverNames?.get(r.server_id) ?? `#${r.server_id}`}</Link>) },
        { key: 'status', header: t('scanHistory.status'), cell: (r) => <ScanStatusBadge status={r.status} /> },
        { key: 'started', header: t('scanHistory.started'), cell: (r) => formatTime(r.started_at, i18n.language) },
        { key: 'finished', header: t('scanHistory.finished'), cell: (r) => formatTime(r.finished_at, i18n.language) },
        { key: 'counts', header: t('scanHistory.result'), cell: (r) => (<><Counts run={r} /><RunError run={r} />{r.skipped.length > 0 && <details className="small"><summary>{t('scanHistory.skipped', { count: r.skipped.length })}</summary><ul>{r.skipped.map((s) => <li key={s.resource}><span className="mono">{s.resource}</span>: {s.reason}</li>)}</ul></details>}</>) },
      ]}
    />
  );
}
