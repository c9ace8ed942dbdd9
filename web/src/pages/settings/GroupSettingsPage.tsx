// Group settings > Group: the group, its daily scan, and the INSPECTOR SBOM bulk scan (R14:
// at most once an hour per group), which polls its run until it finishes.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import type { Group, ScanRun } from '../../api/types';
import { ScanStatusBadge } from '../../components/Badge';
import { ErrorMessage, Loaded, Notice, Progress } from '../../components/Feedback';
import { CheckboxField, TextField } from '../../components/Form';
import { formatTime } from '../../components/format';
import { Card, Page } from '../../components/Page';
import { useAction } from '../../hooks/useAction';
import { usePoll } from '../../hooks/usePoll';
import { useGroup } from '../../hooks/useGroup';
import { useQuery } from '../../hooks/useQuery';
import { isFinished, loadScanRuns } from '../../hooks/useScanRuns';

const BULK_SCAN_INTERVAL_S = 3600;

function ScheduleForm({ group, onSaved }: { group: Group; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ timezone: group.timezone, daily_scan_time: group.daily_scan_time, enabled: group.daily_scan_enabled });
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    await unwrap(api.PUT('/api/v1/groups/{group}/schedule', { params: { path: { group: group.id } }, body: form }));
    setSaved(true);
    onSaved();
  });
  const submit = (e: FormEvent) => { e.preventDefault(); void save.run(); };
  return (
    <form onSubmit={submit} className="edit-grid" aria-label={t('groupSettings.schedule')}>
      <TextField label={t('groupSettings.timezone')} value={form.timezone} onChange={(e) => setForm({ ...form, timezone: e.target.value })} />
      <TextField label={t('groupSettings.dailyScanTime')} type="time" value={form.daily_scan_time} onChange={(e) => setForm({ ...form, daily_scan_time: e.target.value })} />
      <div className="span-2"><CheckboxField label={t('groupSettings.dailyScanEnabled')} checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /></div>
      <div className="form-actions span-2">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>{t('common.save')}</button>
        {saved && <Notice tone="ok">{t('common.saved')}</Notice>}
      </div>
      <div className="span-2"><ErrorMessage error={save.error} /></div>
    </form>
  );
}

function SbomBulkScan({ group, sbomEnabled }: { group: number; sbomEnabled: boolean }) {
  const { t, i18n } = useTranslation();
  const runs = useQuery(async () => (await loadScanRuns(group)).filter((r) => r.type === 'sbom'), [group]);
  const [run, setRun] = useState<ScanRun>();
  const [retryAt, setRetryAt] = useState<number>();
  const start = useAction(async () => {
    try {
      setRun(await unwrap(api.POST('/api/v1/groups/{group}/sbom/exports', { params: { path: { group } } })));
    } catch (err) {
      if (err instanceof ApiError && err.status === 429 && err.retryAfter) setRetryAt(Math.floor(Date.now() / 1000) + err.retryAfter);
      throw err;
    }
  });
  usePoll(!!run && !isFinished(run), async () => {
    const latest = (await loadScanRuns(group)).find((r) => r.id === run?.id);
    if (latest) setRun(latest);
    const done = !latest || isFinished(latest);
    if (done) runs.reload();
    return done;
  }, 2000);

  const last = run ?? runs.data?.[0];
  const now = Math.floor(Date.now() / 1000);
  const nextAt = Math.max(retryAt ?? 0, last ? last.started_at + BULK_SCAN_INTERVAL_S : 0);
  const running = start.busy || (!!last && !isFinished(last));
  return (
    <Card title={t('groupSettings.sbomBulkScan')}>
      <p className="lead">{t('groupSettings.sbomBulkLead')}</p>
      {!sbomEnabled && <Notice tone="warn">{t('groupSettings.sbomDisabled')} <Link to={`/groups/${group}/settings/aws`}>{t('nav.aws')}</Link></Notice>}
      <dl className="facts">
        <div><dt>{t('groupSettings.lastSbomScan')}</dt><dd data-testid="last-sbom-scan">{last ? (<>{formatTime(last.started_at, i18n.language)} <ScanStatusBadge status={last.status} /></>) : t('groupSettings.never')}</dd></div>
        <div><dt>{t('groupSettings.nextPossible')}</dt><dd data-testid="next-sbom-scan">{nextAt > now ? formatTime(nextAt, i18n.language) : t('groupSettings.now')}</dd></div>
      </dl>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" data-testid="sbom-bulk-scan" disabled={!sbomEnabled || running} onClick={() => void start.run()}>
          {t('groupSettings.runSbomBulkScan')}
        </button>
      </div>
      {running && <Progress label={t('groupSettings.sbomRunning')} />}
      {run && isFinished(run) && (
        <Notice tone={run.status === 'succeeded' ? 'ok' : 'warn'}>
          {t('groupSettings.sbomFinished', { status: t(`scanStatus.${run.status}`) })}{' '}
          {t('scanHistory.sbomCounts', { imported: run.resources_imported ?? 0, skipped: run.resources_skipped ?? 0, components: run.components_imported ?? 0 })}
          {run.error && ` ${run.error.message} ${run.error.hint}`}
        </Notice>
      )}
      <ErrorMessage error={start.error} />
      <p><Link to={`/groups/${group}/settings/scan-history?type=sbom`}>{t('groupSettings.seeHistory')}</Link></p>
    </Card>
  );
}

export function GroupSettingsPage() {
  const { t } = useTranslation();
  const group = useGroup();
  return (
    <Page title={t('groupSettings.title')}>
      <Loaded query={group}>
        {(g) => (
          <>
            <Card title={t('groupSettings.group')}>
              <dl className="facts">
                <div><dt>{t('groupSettings.name')}</dt><dd>{g.name}</dd></div>
                <div><dt>{t('groupSettings.id')}</dt><dd>{g.id}</dd></div>
              </dl>
              <h3>{t('groupSettings.schedule')}</h3>
              <ScheduleForm key={g.id} group={g} onSaved={group.reload} />
            </Card>
            <SbomBulkScan group={g.id} sbomEnabled={g.sbom_export.enabled} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
