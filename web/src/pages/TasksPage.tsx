// Tasks: filters (kept in the URL), sort, cursor paging and bulk edit of the checked rows.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { paths } from '../api/schema';
import { SEVERITIES, TASK_PRIORITIES, TASK_STATUSES, USER_TASK_STATUSES, type TaskBulkEdit } from '../api/types';
import { CursorPager } from '../components/CursorPager';
import { ErrorMessage, Loaded, Notice } from '../components/Feedback';
import { CheckboxField, SelectField, TextField, type Option } from '../components/Form';
import { Page } from '../components/Page';
import { useSelection } from '../components/Selection';
import { TaskTable } from '../components/TaskTable';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';
import { useGroupId } from '../layout/GroupContext';

type TaskQuery = NonNullable<paths['/api/v1/groups/{group}/tasks']['get']['parameters']['query']>;
type Sort = NonNullable<TaskQuery['sort']>;
const SORTS: Sort[] = ['id', '-id', 'severity', 'deadline', '-epss', '-updated'];
const FILTER_KEYS = ['status', 'priority', 'severity', 'server_id', 'vulnerability_id', 'assignee', 'overdue', 'epss_min', 'exploit', 'fix', 'q', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;
const PAGE = 50;

/** The list's query from the URL's filters. */
function toQuery(f: Filters, cursor: string | undefined): TaskQuery {
  const q: TaskQuery = { limit: PAGE };
  if (f.status) q.status = f.status as TaskQuery['status'];
  if (f.priority) q.priority = f.priority as TaskQuery['priority'];
  if (f.severity) q.severity = f.severity as TaskQuery['severity'];
  if (f.server_id) q.server_id = Number(f.server_id);
  if (f.vulnerability_id) q.vulnerability_id = f.vulnerability_id;
  if (f.assignee) q.assignee = f.assignee;
  if (f.overdue === 'true') q.overdue = 'true';
  if (f.epss_min) q.epss_min = Number(f.epss_min);
  if (f.exploit === 'true' || f.exploit === 'false') q.exploit = f.exploit;
  if (f.fix === 'true' || f.fix === 'false') q.fix = f.fix;
  if (f.q) q.q = f.q;
  if (f.sort) q.sort = f.sort as Sort;
  if (cursor) {
    if (cursor.startsWith('after:')) q.after = Number(cursor.slice(6));
    else q.cursor = cursor;
  }
  return q;
}

/** The same filters as the bulk edit's `filter` member. */
function toBulkFilter(q: TaskQuery): NonNullable<TaskBulkEdit['filter']> {
  const { status, priority, severity, server_id, vulnerability_id, assignee, overdue, epss_min, exploit, fix, q: text } = q;
  return {
    ...(status && { status }), ...(priority && { priority }), ...(severity !== undefined && { severity }),
    ...(server_id !== undefined && { server_id }), ...(vulnerability_id && { vulnerability_id }), ...(assignee && { assignee }),
    ...(overdue && { overdue: true }), ...(epss_min !== undefined && { epss_min }),
    ...(exploit && { exploit: exploit === 'true' }), ...(fix && { fix: fix === 'true' }), ...(text && { q: text }),
  };
}

function FilterForm({ group, filters, onApply }: { group: number; filters: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(filters);
  const servers = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/servers', { params: { path: { group } } }))).servers, [group]);
  const set = (key: FilterKey) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const any: Option = { value: '', label: t('common.any') };
  const yesNo: Option[] = [any, { value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t('tasks.filters')} data-testid="task-filters">
      <SelectField label={t('tasks.status')} value={draft.status ?? ''} onChange={set('status')} options={[any, ...TASK_STATUSES.map((s) => ({ value: s, label: s }))]} />
      <SelectField label={t('tasks.priority')} value={draft.priority ?? ''} onChange={set('priority')} options={[any, ...TASK_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))]} />
      <SelectField label={t('tasks.severity')} value={draft.severity ?? ''} onChange={set('severity')} options={[any, ...SEVERITIES.filter((s) => s !== '').map((s) => ({ value: s, label: s }))]} />
      <SelectField label={t('tasks.server')} value={draft.server_id ?? ''} onChange={set('server_id')} options={[any, ...(servers.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))]} />
      <TextField label={t('tasks.vulnerability')} value={draft.vulnerability_id ?? ''} onChange={set('vulnerability_id')} placeholder="CVE-2024-..." />
      <TextField label={t('tasks.assignee')} value={draft.assignee ?? ''} onChange={set('assignee')} />
      <TextField label={t('tasks.epssMin')} type="number" min={0} max={1} step={0.01} value={draft.epss_min ?? ''} onChange={set('epss_min')} />
      <SelectField label={t('tasks.exploit')} value={draft.exploit ?? ''} onChange={set('exploit')} options={yesNo} />
      <SelectField label={t('tasks.fix')} value={draft.fix ?? ''} onChange={set('fix')} options={yesNo} />
      <TextField label={t('tasks.text')} type="search" value={draft.q ?? ''} onChange={set('q')} />
      <SelectField label={t('tasks.sort')} value={draft.sort ?? ''} onChange={set('sort')} options={[{ value: '', label: t('tasks.sortDefault') }, ...SORTS.map((s) => ({ value: s, label: t(`tasks.sorts.${s}`) }))]} />
      <CheckboxField label={t('tasks.overdue')} checked={draft.overdue === 'true'} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked ? 'true' : '' })} />
      <div className="filter-actions">
        <button type="submit" className="btn btn-primary">{t('tasks.applyFilters')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => { setDraft({}); onApply({}); }}>{t('tasks.clearFilters')}</button>
      </div>
    </form>
  );
}

function BulkBar({ group, ids, filter, onDone }: { group: number; ids: number[]; filter: NonNullable<TaskBulkEdit['filter']>; onDone: (updated: number) => void }) {
  const { t } = useTranslation();
  const [set, setSet] = useState<{ status: string; priority: string; assignee: string; clearAssignee: boolean }>({ status: '', priority: '', assignee: '', clearAssignee: false });
  const [allMatching, setAllMatching] = useState(false);
  const apply = useAction(async () => {
    const body: TaskBulkEdit = allMatching ? { filter, set: {} } : { ids, set: {} };
    if (set.status) body.set.status = set.status as TaskBulkEdit['set']['status'];
    if (set.priority) body.set.priority = set.priority as TaskBulkEdit['set']['priority'];
    if (set.assignee || set.clearAssignee) body.set.assignee = set.clearAssignee ? '' : set.assignee;
    const result = await unwrap(api.POST('/api/v1/groups/{group}/tasks/bulk', { params: { path: { group } }, body }));
    onDone(result.updated);
  });
  const nothing = !set.status && !set.priority && !set.assignee && !set.clearAssignee;
  return (
    <form className="bulk-bar" aria-label={t('tasks.bulkEdit')} data-testid="bulk-bar" onSubmit={(e) => { e.preventDefault(); void apply.run(); }}>
      <strong>{allMatching ? t('tasks.allMatching') : t('tasks.selected', { count: ids.length })}</strong>
      <CheckboxField label={t('tasks.applyToAllMatching')} checked={allMatching} onChange={(e) => setAllMatching(e.target.checked)} />
      <SelectField label={t('tasks.setStatus')} value={set.status} onChange={(e) => setSet({ ...set, status: e.target.value })} options={[{ value: '', label: t('common.unchanged') }, ...USER_TASK_STATUSES.map((s) => ({ value: s, label: s }))]} />
      <SelectField label={t('tasks.setPriority')} value={set.priority} onChange={(e) => setSet({ ...set, priority: e.target.value })} options={[{ value: '', label: t('common.unchanged') }, ...TASK_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))]} />
      <TextField label={t('tasks.setAssignee')} value={set.assignee} disabled={set.clearAssignee} onChange={(e) => setSet({ ...set, assignee: e.target.value })} />
      <CheckboxField label={t('tasks.clearAssignee')} checked={set.clearAssignee} onChange={(e) => setSet({ ...set, clearAssignee: e.target.checked })} />
      <button type="submit" className="btn btn-primary" disabled={nothing || apply.busy}>{t('tasks.applyBulk')}</button>
      <ErrorMessage error={apply.error} />
    </form>
  );
}

export function TasksPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTER_KEYS.filter((k) => params.get(k)).map((k) => [k, params.get(k) ?? '']));
  const [cursors, setCursors] = useState<string[]>([]);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const selection = useSelection<number>();
  const cursor = cursors.at(-1);
  const query = toQuery(filters, cursor);
  const tasks = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/tasks', { params: { path: { group }, query } })), [group, params.toString(), cursor, version]);
  const apply = (f: Filters) => {
    setCursors([]);
    selection.clear();
    setParams(Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Record<string, string>);
  };
  const nextCursor = tasks.data?.next_cursor ?? (tasks.data?.next_after !== undefined ? `after:${tasks.data.next_after}` : undefined);
  return (
    <Page title={t('tasks.title')}>
      <FilterForm key={params.toString()} group={group} filters={filters} onApply={apply} />
      {notice && <Notice tone="ok">{notice}</Notice>}
      {selection.selected.size > 0 && (
        <BulkBar
          group={group}
          ids={[...selection.selected]}
          filter={toBulkFilter(query)}
          onDone={(updated) => {
            setNotice(t('tasks.bulkDone', { count: updated }));
            selection.clear();
            setVersion((v) => v + 1);
          }}
        />
      )}
      <Loaded query={tasks}>
        {(p) => (
          <>
            <TaskTable group={group} tasks={p.tasks} selection={selection} caption={t('tasks.title')} />
            <CursorPager
              label={t('tasks.title')}
              page={cursors.length + 1}
              hasNext={!!nextCursor}
              onNext={() => { if (nextCursor) { selection.clear(); setCursors([...cursors, nextCursor]); } }}
              onFirst={() => setCursors([])}
            />
          </>
        )}
      </Loaded>
    </Page>
  );
}
