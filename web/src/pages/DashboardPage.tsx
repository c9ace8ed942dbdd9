// Dashboard: open tasks by severity and by priority, the trend of open tasks, the newest
// critical findings (GET .../dashboard).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { TASK_PRIORITIES, type TaskView } from '../api/types';
import { SeverityBadge, TaskStatusBadge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { Card, Page } from '../components/Page';
import { useQuery } from '../hooks/useQuery';
import { useGroupId } from '../layout/GroupContext';

const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED', 'UNKNOWN', 'NONE', ''];
const SEVERITY_COLOUR: Record<string, string> = {
  CRITICAL: '#b42318', HIGH: '#d9480f', MEDIUM: '#b08800', LOW: '#2f6fb3', INFORMATIONAL: '#5b6b7f',
};
const PRIORITY_COLOUR: Record<string, string> = { HIGH: '#d9480f', MEDIUM: '#b08800', LOW: '#2f6fb3', NONE: '#5b6b7f' };

interface Bucket {
  name: string;
  count: number;
  colour: string;
}

/** The four main severities always show; the rare ones (informational, untriaged, unrated) only with tasks. */
const ALWAYS_SHOWN = new Set(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NONE']);

function buckets(counts: Record<string, number>, order: readonly string[], colours: Record<string, string>, label: (k: string) => string): Bucket[] {
  const keys = [...order.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !order.includes(k))]
    .filter((k) => ALWAYS_SHOWN.has(k) || (counts[k] ?? 0) > 0);
  return keys.map((k) => ({ name: label(k), count: counts[k] ?? 0, colour: colours[k] ?? '#5b6b7f' }));
}

function CountChart({ title, data, testId }: { title: string; data: Bucket[]; testId: string }) {
  const { t } = useTranslation();
  const summary = data.map((d) => `${d.name}: ${d.count}`).join(', ');
  return (
    <Card title={title}>
      <figure className="chart" data-testid={testId} role="img" aria-label={`${title}. ${summary}`}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="count" name={t('dashboard.openTasks')} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.name} fill={d.colour} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const dashboard = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/dashboard', { params: { path: { group } } })), [group]);
  return (
    <Page title={t('dashboard.title')} actions={dashboard.data && <p className="total" data-testid="open-total">{t('dashboard.openTotal', { count: dashboard.data.open_total })}</p>}>
      <Loaded query={dashboard}>
        {(d) => (
          <>
            <div className="grid-2">
              <CountChart
                title={t('dashboard.bySeverity')}
                testId="chart-severity"
                data={buckets(d.open_by_severity, SEVERITY_ORDER, SEVERITY_COLOUR, (k) => (k && k !== 'UNKNOWN' ? k : t('severity.unrated')))}
              />
              <CountChart
                title={t('dashboard.byPriority')}
                testId="chart-priority"
                data={buckets(d.open_by_priority, TASK_PRIORITIES, PRIORITY_COLOUR, (k) => (TASK_PRIORITIES as readonly string[]).includes(k) ? t(`priority.${k as 'HIGH'}`) : k)}
              />
            </div>
            <Card title={t('dashboard.trend')}>
              <figure className="chart" data-testid="chart-trend" role="img" aria-label={t('dashboard.trendSummary', { days: d.trend.length, open: d.trend.at(-1)?.open ?? 0 })}>
                <ResponsiveContainer width="100%" height={240}>
                  <LineChart data={d.trend} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="day" tick={{ fontSize: 12 }} />
                    <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Line type="monotone" dataKey="open" name={t('dashboard.openTasks')} stroke="#1f4e8c" strokeWidth={2} dot={false} isAnimationActive={false} />
                  </LineChart>
                </ResponsiveContainer>
              </figure>
            </Card>
            <Card title={t('dashboard.newestCritical')}>
              <DataTable<TaskView>
                caption={t('dashboard.newestCritical')}
                rows={d.newest_critical}
                rowKey={(r) => r.id}
                empty={t('dashboard.noCritical')}
                columns={[
                  { key: 'vuln', header: t('tasks.vulnerability'), cell: (r) => <Link to={`/groups/${group}/vulnerabilities/${encodeURIComponent(r.vulnerability_id)}`}>{r.vulnerability_id}</Link> },
                  { key: 'title', header: t('tasks.titleColumn'), cell: (r) => <Link to={`/groups/${group}/tasks/${r.id}`}>{r.title || r.vulnerability_id}</Link> },
                  { key: 'server', header: t('tasks.server'), cell: (r) => <Link to={`/groups/${group}/servers/${r.server_id}`}>{r.server_name}</Link> },
                  { key: 'severity', header: t('tasks.severity'), cell: (r) => <SeverityBadge severity={r.severity} /> },
                  { key: 'status', header: t('tasks.status'), cell: (r) => <TaskStatusBadge status={r.status} /> },
                ]}
              />
            </Card>
          </>
        )}
      </Loaded>
    </Page>
  );
}
