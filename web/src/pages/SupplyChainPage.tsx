// Supply-chain risk management (R18): one row per server with its open tasks by severity,
// known exploits, EOL and near-EOL items, license findings, software count and SBOM age. The
// counts link to the screens that list them.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ServerRisk } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable, type Column } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { Page } from '../components/Page';
import { useQuery } from '../hooks/useQuery';
import { useGroupId } from '../layout/GroupContext';

const SEVERITY_COLUMNS = [
  { severity: 'CRITICAL', tone: 'critical' },
  { severity: 'HIGH', tone: 'high' },
  { severity: 'MEDIUM', tone: 'medium' },
  { severity: 'LOW', tone: 'low' },
] as const;

/** A count: a badge when it is not zero (its number is its text), else a muted 0. */
function Count({ value, tone, to }: { value: number; tone: 'critical' | 'high' | 'medium' | 'low' | 'info'; to?: string }) {
  if (!value) return <span className="muted">0</span>;
  const badge = <Badge tone={tone}>{value}</Badge>;
  return to ? <Link to={to}>{badge}</Link> : badge;
}

export function SupplyChainPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const risks = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/supply-chain', { params: { path: { group } } }))).servers, [group]);
  const base = `/groups/${group}`;
  const columns: Column<ServerRisk>[] = [
    { key: 'server', header: t('supplyChain.server'), cell: (r) => (<><Link to={`${base}/servers/${r.server_id}`}>{r.server_name}</Link><div className="muted small">{t(`serverKind.${r.kind}`)}</div></>) },
    { key: 'open', header: t('supplyChain.openTasks'), className: 'num wrap', cell: (r) => (r.open_tasks ? <Link to={`${base}/tasks?server_id=${r.server_id}`}>{r.open_tasks}</Link> : <span className="muted">0</span>) },
    ...SEVERITY_COLUMNS.map(({ severity, tone }): Column<ServerRisk> => ({
      key: severity, header: severity, className: 'num',
      cell: (r) => <Count value={r.open_by_severity[severity] ?? 0} tone={tone} to={`${base}/tasks?server_id=${r.server_id}&severity=${severity}`} />,
    })),
    { key: 'exploit', header: t('supplyChain.exploitable'), className: 'num wrap', cell: (r) => <Count value={r.exploitable} tone="critical" to={`${base}/tasks?server_id=${r.server_id}&exploit=true`} /> },
    { key: 'eol', header: t('supplyChain.eol'), className: 'num', cell: (r) => <Count value={r.eol_items} tone="critical" to={`${base}/eol?server_id=${r.server_id}&state=EOL`} /> },
    { key: 'near', header: t('supplyChain.nearEol'), className: 'num wrap', cell: (r) => <Count value={r.near_eol_items} tone="medium" to={`${base}/eol?server_id=${r.server_id}&state=NEAR_EOL`} /> },
    { key: 'denied', header: t('supplyChain.licenseDenied'), className: 'num wrap', cell: (r) => <Count value={r.license_denied} tone="critical" to={`${base}/licenses`} /> },
    { key: 'warned', header: t('supplyChain.licenseWarned'), className: 'num wrap', cell: (r) => <Count value={r.license_warned} tone="medium" to={`${base}/licenses`} /> },
    { key: 'software', header: t('supplyChain.software'), className: 'num wrap', cell: (r) => (r.software ? <Link to={`${base}/software?server_id=${r.server_id}`}>{r.software}</Link> : <span className="muted">0</span>) },
    { key: 'sbom', header: t('supplyChain.sbomAge'), className: 'num wrap', cell: (r) => (r.sbom_age_days === null ? <span className="muted">{t('supplyChain.noSbom')}</span> : r.sbom_age_days) },
  ];
  return (
    <Page title={t('supplyChain.title')}>
      <p className="lead">{t('supplyChain.lead')}</p>
      <Loaded query={risks}>
        {(rows) => <DataTable<ServerRisk> caption={t('supplyChain.servers')} testId="supply-chain" density="compact" rows={rows} rowKey={(r) => r.server_id} columns={columns} empty={t('supplyChain.empty')} />}
      </Loaded>
    </Page>
  );
}
