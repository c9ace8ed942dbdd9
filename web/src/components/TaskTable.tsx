// The task table of the task list and of a server's page; with `selection`, row checkboxes.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TaskListItem } from '../api/types';
import { PriorityBadge, SeverityBadge, TaskStatusBadge } from './Badge';
import { DataTable, type Column } from './DataTable';
import { formatDay, formatScore } from './format';
import { AlsoSeenBy } from './ServerLinks';

interface Selection {
  selected: Set<number>;
  toggle: (id: number, on: boolean) => void;
  setAll: (ids: number[]) => void;
  clear: () => void;
}

export function TaskTable({ group, tasks, selection, showServer = true, caption }: { group: number; tasks: TaskListItem[]; selection?: Selection; showServer?: boolean; caption: string }) {
  const { t, i18n } = useTranslation();
  const columns: Column<TaskListItem>[] = [];
  if (selection) {
    const allOn = tasks.length > 0 && tasks.every((r) => selection.selected.has(r.id));
    columns.push({
      key: 'pick',
      className: 'col-check',
      header: <input type="checkbox" aria-label={t('tasks.selectAll')} checked={allOn} onChange={(e) => (e.target.checked ? selection.setAll(tasks.map((r) => r.id)) : selection.clear())} />,
      cell: (r) => <input type="checkbox" aria-label={t('tasks.selectTask', { id: r.id })} checked={selection.selected.has(r.id)} onChange={(e) => selection.toggle(r.id, e.target.checked)} />,
    });
  }
  columns.push(
    { key: 'id', header: t('tasks.id'), className: 'num', cell: (r) => <Link to={`/groups/${group}/tasks/${r.id}`}>#{r.id}</Link> },
    { key: 'vuln', header: t('tasks.vulnerability'), cell: (r) => (<><Link className="mono" to={`/groups/${group}/vulnerabilities/${encodeURIComponent(r.vulnerability_id)}`}>{r.vulnerability_id}</Link>{r.title && <div className="muted small">{r.title}</div>}</>) },
    { key: 'severity', header: t('tasks.severity'), cell: (r) => <SeverityBadge severity={r.severity} /> },
    { key: 'cvss', header: t('tasks.cvss'), className: 'num', cell: (r) => formatScore(r.cvss3_score) },
  );
  if (showServer) {
    columns.push({ key: 'server', header: t('tasks.server'), cell: (r) => (<><Link to={`/groups/${group}/servers/${r.server_id}`}>{r.server_name}</Link>{r.server_also_seen_by.length > 0 && <div className="small">{t('servers.alsoSeenBy')}: <AlsoSeenBy group={group} links={r.server_also_seen_by} /></div>}</>) });
  }
  columns.push(
    { key: 'status', header: t('tasks.status'), cell: (r) => <TaskStatusBadge status={r.status} /> },
    { key: 'priority', header: t('tasks.priority'), cell: (r) => <PriorityBadge priority={r.priority} /> },
    { key: 'assignee', header: t('tasks.assignee'), cell: (r) => r.assignee || <span className="muted">—</span> },
    { key: 'deadline', header: t('tasks.deadline'), cell: (r) => formatDay(r.deadline, i18n.language) },
  );
  return <DataTable<TaskListItem> caption={caption} testId="tasks-table" rows={tasks} rowKey={(r) => r.id} columns={columns} empty={t('tasks.empty')} />;
}
