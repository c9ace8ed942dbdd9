// EOL management (R18): the end of support of what runs on the group's servers, one item per
// server and release cycle. Counts by state, a month timeline of the coming ends, and the
// items, each worked like a task (status, deadline, assignee) in place.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { EOL_STATES, USER_TASK_STATUSES, type EolItem, type EolItemEdit, type EolState, type TaskStatus } from '../api/types';
import { EolStateBadge, TaskStatusBadge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, Loaded, Notice } from '../components/Feedback';
import { CheckboxField, SelectField, TextField, type Option } from '../components/Form';
import { dayInputValue, formatDay } from '../components/format';
import { Card, Page } from '../components/Page';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';
import { useGroupId } from '../layout/GroupContext';

const FILTER_KEYS = ['state', 'product', 'server_id', 'closed'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;
const TIMELINE_MONTHS = 24;

const itemName = (i: EolItem) => `${i.product_label || i.product} ${i.cycle_label || i.cycle} (${i.server_name})`;
const isEnded = (i: EolItem) => i.eol_undated || (i.days_left !== null && i.days_left < 0);

interface Bucket {
  key: string;
  month?: string;
  year?: string;
  label: string;
  count: number;
  tone: 'ended' | 'near' | 'later' | 'future';
}

/** Open items by the month their support ends: the ended ones, the next 24 months, later. */
function timeline(items: EolItem[], locale: string, labels: { ended: string; later: string }, nearDays: number): { buckets: Bucket[]; openEnded: number } {
  const now = new Date();
  const months: Bucket[] = Array.from({ length: TIMELINE_MONTHS }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() + i, 1);
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    const daysAway = (d.getTime() - now.getTime()) / 86_400_000;
    return {
      key,
      month: d.toLocaleDateString(locale, { month: 'short' }),
      year: d.toLocaleDateString(locale, { year: 'numeric' }),
      label: d.toLocaleDateString(locale, { year: 'numeric', month: 'long' }),
      count: 0,
      tone: daysAway <= nearDays ? 'near' : 'future',
    };
  });
  const ended: Bucket = { key: 'ended', label: labels.ended, count: 0, tone: 'ended' };
  const later: Bucket = { key: 'later', label: labels.later, count: 0, tone: 'later' };
  const byKey = new Map(months.map((m) => [m.key, m]));
  let openEnded = 0;
  for (const item of items) {
    if (item.closed_at !== null) continue;
    if (isEnded(item)) ended.count += 1;
    else if (!item.eol_date) openEnded += 1;
    else {
      const bucket = byKey.get(item.eol_date.slice(0, 7));
      if (bucket) bucket.count += 1;
      else if (item.eol_date.slice(0, 7) > months[months.length - 1].key) later.count += 1;
      else ended.count += 1; // before this month yet not ended: only across a day boundary
    }
  }
  return { buckets: [ended, ...months, later], openEnded };
}

function Timeline({ items, nearDays }: { items: EolItem[]; nearDays: number }) {
  const { t, i18n } = useTranslation();
  const { buckets, openEnded } = timeline(items, i18n.language, { ended: t('eol.ended'), later: t('eol.later') }, nearDays);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const upcoming = buckets.slice(1, -1).some((b) => b.count > 0);
  return (
    <Card title={t('eol.timeline')}>
      <p className="lead">{t('eol.timelineLead')}</p>
      <div className="timeline-scroll" tabIndex={0} role="group" aria-label={t('eol.timeline')}>
        <ol className="timeline" data-testid="eol-timeline">
          {buckets.map((b) => (
            <li key={b.key} className={`timeline-${b.tone}`}>
              <span className="visually-hidden">{b.label}: {b.count}</span>
              <span className="timeline-count" aria-hidden="true">{b.count}</span>
              <span className="timeline-track" aria-hidden="true">
                <span className="timeline-bar" style={{ height: `${(b.count / max) * 100}%` }} />
              </span>
              <span className="timeline-label" aria-hidden="true">{b.month ? (<>{b.month}<br />{b.year}</>) : b.label}</span>
            </li>
          ))}
        </ol>
      </div>
      {!upcoming && <p className="muted small">{t('eol.timelineEmpty')}</p>}
      {openEnded > 0 && <p className="muted small">{t('eol.openEnded', { count: openEnded })}</p>}
    </Card>
  );
}

function Counts({ counts }: { counts: Record<EolState, number> }) {
  const { t } = useTranslation();
  return (
    <ul className="stat-cards" data-testid="eol-counts">
      {EOL_STATES.map((s) => (
        <li key={s} className={`stat stat-${s.toLowerCase().replace('_', '-')}`}>
          <Link to={`?state=${s}`}>
            <span className="stat-value">{counts[s]}</span>
            <span className="stat-label"><EolStateBadge state={s} /> {t('eol.openItems')}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function FilterForm({ group, filters, onApply }: { group: number; filters: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(filters);
  const servers = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/servers', { params: { path: { group } } }))).servers, [group]);
  const set = (key: FilterKey) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const any: Option = { value: '', label: t('common.any') };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters filters-hinted" onSubmit={submit} aria-label={t('eol.filters')} data-testid="eol-filters">
      <SelectField label={t('eol.state')} value={draft.state ?? ''} onChange={set('state')} options={[any, ...EOL_STATES.map((s) => ({ value: s, label: t(`eolState.${s}`) }))]} />
      <TextField label={t('eol.product')} hint={t('eol.productHint')} value={draft.product ?? ''} onChange={set('product')} />
      <SelectField label={t('eol.server')} value={draft.server_id ?? ''} onChange={set('server_id')} options={[any, ...(servers.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))]} />
      <CheckboxField label={t('eol.includeClosed')} checked={draft.closed === 'true'} onChange={(e) => setDraft({ ...draft, closed: e.target.checked ? 'true' : '' })} />
      <div className="filter-actions">
        <button type="submit" className="btn btn-primary">{t('eol.apply')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => { setDraft({}); onApply({}); }}>{t('eol.clear')}</button>
      </div>
    </form>
  );
}

interface Draft {
  id: number;
  status: TaskStatus;
  deadline: string;
  assignee: string;
}

function ItemTable({ group, items, onSaved }: { group: number; items: EolItem[]; onSaved: (item: EolItem) => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const save = useAction(async (item: EolItem, d: Draft) => {
    const body: EolItemEdit = {};
    if (d.status !== item.status) body.status = d.status;
    if (d.deadline !== dayInputValue(item.deadline)) body.deadline = d.deadline || null;
    if (d.assignee !== item.assignee) body.assignee = d.assignee;
    const saved = Object.keys(body).length ? await unwrap(api.PATCH('/api/v1/groups/{group}/eol/{item}', { params: { path: { group, item: item.id } }, body })) : item;
    setDraft(null);
    onSaved(saved);
  });
  const editing = (i: EolItem) => draft?.id === i.id;
  const statusOptions = (i: EolItem) => (USER_TASK_STATUSES.includes(i.status) ? USER_TASK_STATUSES : [i.status, ...USER_TASK_STATUSES]);
  return (
    <>
      <DataTable<EolItem>
        caption={t('eol.items')}
        testId="eol-items"
        rows={items}
        rowKey={(i) => i.id}
        empty={t('eol.empty')}
        columns={[
          { key: 'server', header: t('eol.server'), cell: (i) => <Link to={`/groups/${group}/servers/${i.server_id}`}>{i.server_name}</Link> },
          {
            key: 'product', header: t('eol.releaseCycle'),
            cell: (i) => (
              <>
                {i.product_label || i.product} <strong>{i.cycle_label || i.cycle}</strong>
                {i.latest && <div className="muted small">{t('eol.latest')}: <span className="mono">{i.latest}</span></div>}
                {i.closed_at !== null && <div className="muted small">{t('eol.closed')}</div>}
              </>
            ),
          },
          {
            key: 'end', header: t('eol.endDate'),
            cell: (i) => (
              <>
                {i.eol_date ?? (i.eol_undated ? t('eol.endedUndated') : <span className="muted">{t('eol.noEnd')}</span>)}
                {i.days_left !== null && <div className="small">{i.days_left < 0 ? t('eol.daysAgo', { days: -i.days_left }) : t('eol.daysLeft', { days: i.days_left })}</div>}
              </>
            ),
          },
          { key: 'state', header: t('eol.state'), cell: (i) => <EolStateBadge state={i.state} /> },
          { key: 'evidence', header: t('eol.evidence'), cell: (i) => <span className="small">{i.evidence || '—'}</span> },
          {
            key: 'status', header: t('eol.status'),
            cell: (i) => (editing(i) && draft ? (
              <select aria-label={t('eol.statusOf', { item: itemName(i) })} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as TaskStatus })}>
                {statusOptions(i).map((s) => <option key={s} value={s} disabled={s === 'PATCH_APPLIED'}>{s}</option>)}
              </select>
            ) : <TaskStatusBadge status={i.status} />),
          },
          {
            key: 'deadline', header: t('eol.deadline'),
            cell: (i) => (editing(i) && draft ? (
              <input type="date" aria-label={t('eol.deadlineOf', { item: itemName(i) })} value={draft.deadline} onChange={(e) => setDraft({ ...draft, deadline: e.target.value })} />
            ) : formatDay(i.deadline, i18n.language)),
          },
          {
            key: 'assignee', header: t('eol.assignee'),
            cell: (i) => (editing(i) && draft ? (
              <input type="text" maxLength={100} aria-label={t('eol.assigneeOf', { item: itemName(i) })} value={draft.assignee} onChange={(e) => setDraft({ ...draft, assignee: e.target.value })} />
            ) : i.assignee || <span className="muted">—</span>),
          },
          {
            key: 'actions', header: t('common.actions'),
            cell: (i) => (editing(i) && draft ? (
              <span className="row-actions">
                <button type="button" className="btn btn-primary btn-small" disabled={save.busy} onClick={() => void save.run(i, draft)}>{t('eol.save')}</button>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => { save.clearError(); setDraft(null); }}>{t('eol.cancel')}</button>
              </span>
            ) : (
              <button type="button" className="btn btn-small" aria-label={t('eol.editItem', { item: itemName(i) })} onClick={() => { save.clearError(); setDraft({ id: i.id, status: i.status, deadline: dayInputValue(i.deadline), assignee: i.assignee }); }}>
                {t('eol.edit')}
              </button>
            )),
          },
        ]}
      />
      <ErrorMessage error={save.error} />
    </>
  );
}

export function EolPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters: Filters = Object.fromEntries(FILTER_KEYS.filter((k) => params.get(k)).map((k) => [k, params.get(k) ?? '']));
  const [notice, setNotice] = useState('');
  // The state filter applies here, so that the counts stay those of every state.
  const list = useQuery(
    () => unwrap(api.GET('/api/v1/groups/{group}/eol', {
      params: {
        path: { group },
        query: {
          ...(filters.server_id ? { server_id: Number(filters.server_id) } : {}),
          ...(filters.product ? { product: filters.product } : {}),
          ...(filters.closed === 'true' ? { closed: 'true' as const } : {}),
        },
      },
    })),
    [group, filters.server_id, filters.product, filters.closed],
  );
  const apply = (f: Filters) => {
    setNotice('');
    setParams(Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Record<string, string>);
  };
  const state = EOL_STATES.find((s) => s === filters.state);
  return (
    <Page title={t('eol.title')}>
      <p className="lead">{t('eol.lead')}</p>
      <Loaded query={list}>
        {(l) => {
          const items = state ? l.items.filter((i) => i.state === state) : l.items;
          return (
            <>
              <Counts counts={l.counts} />
              <p className="hint" data-testid="eol-window">
                {t('eol.nearWindow', { days: l.eol_near_days })}{' '}
                <Link to={`/groups/${group}/licenses#inventory-settings`}>{t('eol.changeWindow')}</Link>
              </p>
              <Timeline items={items} nearDays={l.eol_near_days} />
              <FilterForm key={key} group={group} filters={filters} onApply={apply} />
              {notice && <Notice tone="ok">{notice}</Notice>}
              <ItemTable group={group} items={items} onSaved={(item) => { setNotice(t('eol.saved', { item: itemName(item) })); list.reload(); }} />
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}
