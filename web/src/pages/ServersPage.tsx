// Servers: kind, scan mode, the last scan and its status, and "also seen by" links.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { Server } from '../api/types';
import { Badge, ScanStatusBadge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { formatTime } from '../components/format';
import { Page } from '../components/Page';
import { AlsoSeenBy } from '../components/ServerLinks';
import { useQuery } from '../hooks/useQuery';
import { latestRunByServer, loadScanRuns } from '../hooks/useScanRuns';
import { useGroupId } from '../layout/GroupContext';

export function ServersPage() {
  const { t, i18n } = useTranslation();
  const group = useGroupId();
  const query = useQuery(async () => {
    const [servers, runs] = await Promise.all([
      unwrap(api.GET('/api/v1/groups/{group}/servers', { params: { path: { group } } })),
      loadScanRuns(group),
    ]);
    return { servers: servers.servers, latest: latestRunByServer(runs) };
  }, [group]);

  return (
    <Page
      title={t('servers.title')}
      actions={
        <Link className="btn btn-primary" to={`/groups/${group}/servers/new`}>
          {t('servers.add')}
        </Link>
      }
    >
      <Loaded query={query}>
        {({ servers, latest }) => (
          <DataTable<Server>
            caption={t('servers.title')}
            testId="servers-table"
            rows={servers}
            rowKey={(s) => s.id}
            empty={t('servers.empty')}
            columns={[
              { key: 'name', header: t('servers.name'), cell: (s) => <Link to={`/groups/${group}/servers/${s.id}`}>{s.name}</Link> },
              { key: 'kind', header: t('servers.kind'), cell: (s) => t(`serverKind.${s.kind}`) },
              { key: 'id', header: t('servers.resource'), className: 'mono', cell: (s) => s.instance_id || (s.repository ? `${s.repository}:${s.image_tag}` : s.vuls_uuid || (s.lambda_functions ? t('servers.functions', { count: s.lambda_functions.length }) : '—')) },
              { key: 'mode', header: t('servers.scanMode'), cell: (s) => <Badge tone={s.scan_mode === 'inspector_sbom' ? 'info' : 'neutral'}>{t(`scanMode.${s.scan_mode}`)}</Badge> },
              { key: 'last', header: t('servers.lastScan'), cell: (s) => formatTime(latest.get(s.id)?.started_at, i18n.language) },
              { key: 'status', header: t('servers.lastStatus'), cell: (s) => { const run = latest.get(s.id); return run ? <ScanStatusBadge status={run.status} /> : <span className="muted">{t('servers.neverScanned')}</span>; } },
              { key: 'seen', header: t('servers.alsoSeenBy'), cell: (s) => <AlsoSeenBy group={group} links={s.also_seen_by} /> },
            ]}
          />
        )}
      </Loaded>
    </Page>
  );
}
