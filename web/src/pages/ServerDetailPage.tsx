// Server detail: coverage, the manual scan (R4, R8), software, tasks, Lambda functions, the
// SBOM file import with the CycloneDX SBOM and VEX exports (R18), and the server's scan history.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { components } from '../api/schema';
import type { SbomFileImportResult, ScanRun, Server } from '../api/types';
import { Badge, LicenseCategoryBadge, ScanStatusBadge, YesNo } from '../components/Badge';
import { CursorPager, useCursor } from '../components/CursorPager';
import { DataTable } from '../components/DataTable';
import { saveBlob } from '../components/download';
import { ErrorMessage, Loaded, Notice, Progress } from '../components/Feedback';
import { formatTime, versionText } from '../components/format';
import { LambdaFunctionAdder } from '../components/LambdaFunctionAdder';
import { Card, Page } from '../components/Page';
import { ScanRunTable } from '../components/ScanRunTable';
import { AlsoSeenBy } from '../components/ServerLinks';
import { TaskTable } from '../components/TaskTable';
import { useAction } from '../hooks/useAction';
import { usePoll } from '../hooks/usePoll';
import { useQuery } from '../hooks/useQuery';
import { isFinished, loadScanRuns } from '../hooks/useScanRuns';
import { useGroupId } from '../layout/GroupContext';

type Software = components['schemas']['Software'];
type LambdaFunction = components['schemas']['LambdaFunction'];
type SbomDocument = components['schemas']['SbomDocument'];
const PAGE = 25;

function ServerFacts({ server }: { server: Server }) {
  const { t, i18n } = useTranslation();
  const facts: [string, React.ReactNode][] = [
    [t('servers.kind'), t(`serverKind.${server.kind}`)],
    [t('servers.scanMode'), <Badge tone={server.scan_mode === 'inspector_sbom' ? 'info' : 'neutral'}>{t(`scanMode.${server.scan_mode}`)}</Badge>],
    [t('serverDetail.account'), server.account_id || '—'],
    [t('addServer.region'), server.region || '—'],
    [t('serverDetail.created'), formatTime(server.created_at, i18n.language)],
  ];
  if (server.instance_id) facts.push([t('addServer.instance'), <span className="mono">{server.instance_id}</span>], [t('addServer.platform'), server.platform || '—']);
  if (server.repository) facts.push([t('addServer.repository'), <span className="mono">{`${server.registry}/${server.repository}:${server.image_tag}`}</span>]);
  if (server.distro !== undefined) facts.push([t('serverDetail.distro'), server.distro || '—']);
  if (server.vuls) facts.push([t('serverDetail.vulsIdentity'), t(`vulsIdentity.${server.vuls.identified_by}`)]);
  facts.push([t('servers.alsoSeenBy'), <AlsoSeenBy group={server.group_id} links={server.also_seen_by} />]);
  return (
    <dl className="facts">
      {facts.map(([k, v]) => (
        <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
      ))}
    </dl>
  );
}

type CoveredResource = components['schemas']['CoveredResource'];

function Coverage({ group, server }: { group: number; server: number }) {
  const { t, i18n } = useTranslation();
  const coverage = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/servers/{server}/coverage', { params: { path: { group, server } } }))).coverage, [group, server]);
  return (
    <Card title={t('serverDetail.coverage')}>
      <Loaded query={coverage}>
        {(rows) => (
          <DataTable<CoveredResource>
            caption={t('serverDetail.coverage')}
            testId="coverage"
            rows={rows}
            rowKey={(c) => `${c.resource_id}-${c.scan_type}`}
            empty={t('serverDetail.notCovered')}
            columns={[
              { key: 'resource', header: t('serverDetail.resource'), cell: (c) => (<><span className="mono">{c.resource_id}</span><div className="muted small">{c.resource_type}</div></>) },
              { key: 'type', header: t('serverDetail.coverageScanType'), cell: (c) => c.scan_type || '—' },
              { key: 'status', header: t('serverDetail.coverageStatus'), cell: (c) => <Badge tone={c.status === 'ACTIVE' ? 'ok' : 'medium'}>{c.status}</Badge> },
              { key: 'reason', header: t('addServer.reason'), cell: (c) => c.reason || '—' },
              { key: 'mode', header: t('addServer.inspectorMode'), cell: (c) => c.scan_mode || '—' },
              { key: 'last', header: t('serverDetail.lastInspectorScan'), cell: (c) => formatTime(c.last_scanned_at, i18n.language) },
            ]}
          />
        )}
      </Loaded>
    </Card>
  );
}

function ManualScan({ group, server, onDone }: { group: number; server: Server; onDone: () => void }) {
  const { t } = useTranslation();
  const [run, setRun] = useState<ScanRun>();
  const scan = useAction(async () => {
    const started = await unwrap(api.POST('/api/v1/groups/{group}/servers/{server}/scan', { params: { path: { group, server: server.id } } }));
    setRun(started);
    if (isFinished(started)) onDone();
  });
  usePoll(!!run && !isFinished(run), async () => {
    const latest = (await loadScanRuns(group)).find((r) => r.id === run?.id);
    if (latest) setRun(latest);
    const done = !latest || isFinished(latest);
    if (done) onDone();
    return done;
  });
  const sbom = server.scan_mode === 'inspector_sbom';
  const unavailable = sbom ? t('serverDetail.scanSbomManaged') : server.manual_scan !== 'available' ? server.manual_scan : '';
  const running = scan.busy || (!!run && !isFinished(run));
  return (
    <div className="manual-scan">
      <button type="button" className="btn btn-primary" data-testid="manual-scan" disabled={!!unavailable || running} aria-describedby={unavailable ? 'manual-scan-reason' : undefined} onClick={() => void scan.run()}>
        {t('serverDetail.manualScan')}
      </button>
      {unavailable && <p id="manual-scan-reason" className="hint" data-testid="manual-scan-reason">{unavailable}</p>}
      {running && <Progress label={t('serverDetail.scanning')} />}
      {run && isFinished(run) && (
        <p role="status" data-testid="scan-result">
          {t('serverDetail.scanFinished')} <ScanStatusBadge status={run.status} /> {t('scanHistory.counts', { findings: run.findings_seen, created: run.tasks_created, reopened: run.tasks_reopened, patched: run.tasks_patched })}
          {run.error && <span className="text-warn"> {run.error.message} {run.error.hint}</span>}
        </p>
      )}
      <ErrorMessage error={scan.error} />
    </div>
  );
}

function SoftwareList({ group, server, version }: { group: number; server: number; version: number }) {
  const { t, i18n } = useTranslation();
  const cursor = useCursor<number>();
  const page = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/servers/{server}/software', { params: { path: { group, server }, query: { limit: PAGE, ...(cursor.cursor ? { after: cursor.cursor } : {}) } } })), [group, server, cursor.cursor, version]);
  return (
    <Card title={t('serverDetail.software')} actions={<Link to={`/groups/${group}/software?server_id=${server}`}>{t('serverDetail.viewInSoftwareList')}</Link>}>
      <Loaded query={page}>
        {(p) => (
          <>
            <DataTable<Software>
              caption={t('serverDetail.software')}
              testId="software-table"
              rows={p.software}
              rowKey={(s) => s.id}
              empty={t('serverDetail.noSoftware')}
              columns={[
                { key: 'name', header: t('serverDetail.softwareName'), cell: (s) => s.name },
                { key: 'version', header: t('serverDetail.version'), className: 'mono', cell: (s) => versionText(s) },
                { key: 'type', header: t('serverDetail.softwareType'), cell: (s) => t(`softwareType.${s.type}`) },
                { key: 'eco', header: t('serverDetail.ecosystem'), cell: (s) => s.ecosystem || s.package_manager || '—' },
                { key: 'license', header: t('serverDetail.license'), cell: (s) => (s.license_expression || s.license ? <><span className="mono">{s.license_expression || s.license}</span>{s.license_category && <div><LicenseCategoryBadge category={s.license_category} /></div>}</> : '—') },
                { key: 'source', header: t('serverDetail.source'), cell: (s) => (<>{t(`softwareSource.${s.source}`)}{s.managed_by === 'sbom' && <> <Badge tone="info">{t('serverDetail.sbomManaged')}</Badge></>}</>) },
                { key: 'seen', header: t('serverDetail.firstSeen'), cell: (s) => formatTime(s.first_seen, i18n.language) },
              ]}
            />
            <CursorPager label={t('serverDetail.software')} page={cursor.page} hasNext={p.next_after !== undefined} onNext={() => p.next_after !== undefined && cursor.next(p.next_after)} onFirst={cursor.first} />
          </>
        )}
      </Loaded>
    </Card>
  );
}

/** The Content-Type of an SBOM file, from its first character: JSON, XML, else SPDX tag-value. */
async function sbomContentType(file: Blob): Promise<string> {
  const head = (await file.slice(0, 512).text()).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'application/json';
  if (head.startsWith('<')) return 'application/xml';
  return 'text/plain';
}

function SbomFile({ group, server, onImported }: { group: number; server: number; onImported: () => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<SbomFileImportResult>();
  const upload = useAction(async (f: File) => {
    setResult(undefined);
    const type = await sbomContentType(f);
    // The raw file is the body (not JSON-encoded, not multipart).
    const imported = await unwrap(api.POST('/api/v1/groups/{group}/servers/{server}/sbom', {
      params: { path: { group, server } },
      body: f as unknown as SbomDocument,
      bodySerializer: (body) => body as unknown as BodyInit,
      headers: { 'Content-Type': type },
    }));
    setResult(imported);
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    onImported();
  });
  const download = useAction(async (kind: 'cyclonedx' | 'vex') => {
    const path = kind === 'cyclonedx' ? '/api/v1/groups/{group}/servers/{server}/cyclonedx' : '/api/v1/groups/{group}/servers/{server}/vex';
    const data = await unwrap(api.GET(path, { params: { path: { group, server } }, parseAs: 'blob' }));
    saveBlob(data as Blob, kind === 'cyclonedx' ? `server-${server}.cdx.json` : `server-${server}.vex.cdx.json`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) void upload.run(file);
  };
  // "CycloneDX 1.5", "SPDX-2.3" (SPDX versions carry their name).
  const documentName = (r: SbomFileImportResult) => {
    const format = r.format === 'spdx' ? 'SPDX' : r.format === 'cyclonedx' ? 'CycloneDX' : r.format;
    return r.spec_version.toUpperCase().startsWith(format.toUpperCase()) ? r.spec_version : `${format} ${r.spec_version}`.trim();
  };
  return (
    <Card title={t('serverDetail.sbomFile')}>
      <p className="lead">{t('serverDetail.sbomFileLead')}</p>
      <form className="inline-form" onSubmit={submit} aria-label={t('serverDetail.importSbom')} data-testid="sbom-import">
        <div className="field">
          <label htmlFor={inputId}>{t('serverDetail.sbomFileInput')}</label>
          <input id={inputId} ref={fileInput} type="file" accept=".json,.xml,.spdx,.txt,.cdx,application/json,application/xml,text/xml,text/plain" onChange={(e) => { upload.clearError(); setFile(e.target.files?.[0] ?? null); }} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={!file || upload.busy}>{t('serverDetail.importSbom')}</button>
      </form>
      {upload.busy && <Progress label={t('serverDetail.importing')} />}
      {result && (
        <Notice tone="ok">
          <span data-testid="sbom-import-result">
            {t('serverDetail.imported', {
              document: documentName(result), name: result.name || '—', components: result.components, software: result.software,
              vulnerabilities: result.vulnerabilities, created: result.tasks_created, reopened: result.tasks_reopened, patched: result.tasks_patched,
            })}
          </span>
        </Notice>
      )}
      <ErrorMessage error={upload.error} />
      <h3>{t('serverDetail.downloads')}</h3>
      <p className="hint">{t('serverDetail.downloadsHint')}</p>
      <div className="form-actions">
        <button type="button" className="btn" data-testid="download-cyclonedx" disabled={download.busy} onClick={() => void download.run('cyclonedx')}>{t('serverDetail.downloadSbom')}</button>
        <button type="button" className="btn" data-testid="download-vex" disabled={download.busy} onClick={() => void download.run('vex')}>{t('serverDetail.downloadVex')}</button>
      </div>
      <ErrorMessage error={download.error} />
    </Card>
  );
}

function ServerTasks({ group, server, version }: { group: number; server: number; version: number }) {
  const { t } = useTranslation();
  const tasks = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/tasks', { params: { path: { group }, query: { server_id: server, limit: PAGE } } })), [group, server, version]);
  return (
    <Card title={t('serverDetail.tasks')} actions={<Link to={`/groups/${group}/tasks?server_id=${server}`}>{t('serverDetail.allTasks')}</Link>}>
      <Loaded query={tasks}>{(p) => <TaskTable group={group} tasks={p.tasks} showServer={false} caption={t('serverDetail.tasks')} />}</Loaded>
    </Card>
  );
}

function LambdaFunctions({ group, server, functions, onAdded }: { group: number; server: number; functions: LambdaFunction[]; onAdded: () => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('lambda.title')}>
      <DataTable<LambdaFunction>
        caption={t('lambda.title')}
        rows={functions}
        rowKey={(f) => f.id}
        empty={t('lambda.none')}
        columns={[
          { key: 'name', header: t('lambda.name'), cell: (f) => f.name },
          { key: 'arn', header: t('lambda.arn'), className: 'mono', cell: (f) => f.arn },
          { key: 'runtime', header: t('lambda.runtime'), cell: (f) => (<>{f.runtime}{!f.runtime_supported && <> <Badge tone="medium">{t('lambda.unsupportedRuntime')}</Badge></>}</>) },
          { key: 'supported', header: t('lambda.inspectorScans'), cell: (f) => <YesNo value={f.runtime_supported} /> },
        ]}
      />
      <LambdaFunctionAdder group={group} server={server} existing={functions.map((f) => f.arn)} onAdded={onAdded} />
    </Card>
  );
}

function ServerRuns({ group, server, name, version }: { group: number; server: number; name: string; version: number }) {
  const { t } = useTranslation();
  const runs = useQuery(async () => (await loadScanRuns(group)).filter((r) => r.server_id === server), [group, server, version]);
  return (
    <Card title={t('serverDetail.scanHistory')}>
      <Loaded query={runs}>{(r) => <ScanRunTable group={group} runs={r} serverNames={new Map([[server, name]])} />}</Loaded>
    </Card>
  );
}

export function ServerDetailPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const serverId = Number(useParams().serverId);
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const server = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/servers/{server}', { params: { path: { group, server: serverId } } })), [group, serverId, version]);
  return (
    <Page title={server.data ? `${t('serverDetail.title')}: ${server.data.name}` : t('serverDetail.title')}>
      <Loaded query={server}>
        {(s) => (
          <>
            <Card title={t('serverDetail.overview')} actions={<ManualScan group={group} server={s} onDone={refresh} />}>
              <ServerFacts server={s} />
            </Card>
            {s.kind !== 'pseudo' && s.kind !== 'vuls' && s.kind !== 'sbom' && <Coverage group={group} server={s.id} />}
            {s.kind === 'pseudo' && <LambdaFunctions group={group} server={s.id} functions={s.lambda_functions ?? []} onAdded={refresh} />}
            <ServerTasks group={group} server={s.id} version={version} />
            <SoftwareList group={group} server={s.id} version={version} />
            <SbomFile group={group} server={s.id} onImported={refresh} />
            <ServerRuns group={group} server={s.id} name={s.name} version={version} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
