// Software list (R18): every software row of the group's servers with filters kept in the URL
// (a link shares the search), keyset paging, and the export of every matching row as CSV or
// JSON. Name plus version range answers "where is this package used".
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { paths } from '../api/schema';
import { EOL_STATES, LICENSE_CATEGORIES, SOFTWARE_TYPES, type GroupSoftware } from '../api/types';
import { Badge, EolStateBadge, LicenseCategoryBadge } from '../components/Badge';
import { CursorPager } from '../components/CursorPager';
import { DataTable } from '../components/DataTable';
import { saveBlob } from '../components/download';
import { ErrorMessage, Loaded } from '../components/Feedback';
import { versionText } from '../components/format';
import { CheckboxField, SelectField, TextField, type Option } from '../components/Form';
import { Page } from '../components/Page';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';
import { useGroupId } from '../layout/GroupContext';

type SoftwareQuery = NonNullable<paths['/api/v1/groups/{group}/software']['get']['parameters']['query']>;
type ExportQuery = NonNullable<paths['/api/v1/groups/{group}/software/export']['get']['parameters']['query']>;
type Filter = Omit<SoftwareQuery, 'after' | 'limit'>;

const FILTER_KEYS = [
  'server_id', 'type', 'ecosystem', 'name', 'name_prefix', 'version', 'version_range', 'license', 'license_category',
  'eol_state', 'vulnerable', 'include_removed',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;
const PAGE = 50;

/** The API's filter from the URL's (unknown values are left to the API to refuse). */
function toFilter(f: Filters): Filter {
  const q: Filter = {};
  if (f.server_id) q.server_id = Number(f.server_id);
  if (f.type) q.type = f.type as Filter['type'];
  if (f.ecosystem) q.ecosystem = f.ecosystem;
  if (f.name) q.name = f.name;
  if (f.name_prefix) q.name_prefix = f.name_prefix;
  if (f.version) q.version = f.version;
  if (f.version_range) q.version_range = f.version_range;
  if (f.license) q.license = f.license;
  if (f.license_category) q.license_category = f.license_category as Filter['license_category'];
  if (f.eol_state) q.eol_state = f.eol_state as Filter['eol_state'];
  if (f.vulnerable === 'true' || f.vulnerable === 'false') q.vulnerable = f.vulnerable;
  if (f.include_removed === 'true') q.include_removed = 'true';
  return q;
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
    <form className="filters filters-hinted" onSubmit={submit} aria-label={t('softwareList.filters')} data-testid="software-filters">
      <SelectField label={t('softwareList.server')} value={draft.server_id ?? ''} onChange={set('server_id')} options={[any, ...(servers.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))]} />
      <TextField label={t('softwareList.name')} hint={t('softwareList.nameHint')} value={draft.name ?? ''} onChange={set('name')} />
      <TextField label={t('softwareList.namePrefix')} value={draft.name_prefix ?? ''} onChange={set('name_prefix')} />
      <TextField label={t('softwareList.version')} hint={t('softwareList.versionHint')} className="mono" value={draft.version ?? ''} onChange={set('version')} />
      <TextField label={t('softwareList.versionRange')} hint={t('softwareList.versionRangeHint')} className="mono" placeholder=">=2.0,<2.17.1" value={draft.version_range ?? ''} onChange={set('version_range')} />
      <SelectField label={t('softwareList.type')} value={draft.type ?? ''} onChange={set('type')} options={[any, ...SOFTWARE_TYPES.map((s) => ({ value: s, label: t(`softwareType.${s}`) }))]} />
      <TextField label={t('softwareList.ecosystem')} hint={t('softwareList.ecosystemHint')} value={draft.ecosystem ?? ''} onChange={set('ecosystem')} />
      <TextField label={t('softwareList.license')} hint={t('softwareList.licenseHint')} value={draft.license ?? ''} onChange={set('license')} />
      <SelectField label={t('softwareList.licenseCategory')} value={draft.license_category ?? ''} onChange={set('license_category')} options={[any, ...LICENSE_CATEGORIES.map((c) => ({ value: c, label: t(`licenseCategory.${c}`) }))]} />
      <SelectField label={t('softwareList.eolState')} value={draft.eol_state ?? ''} onChange={set('eol_state')} options={[any, ...EOL_STATES.map((s) => ({ value: s, label: t(`eolState.${s}`) })), { value: 'any', label: t('softwareList.eolAny') }]} />
      <SelectField label={t('softwareList.vulnerable')} hint={t('softwareList.vulnerableHint')} value={draft.vulnerable ?? ''} onChange={set('vulnerable')} options={[any, { value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
      <CheckboxField label={t('softwareList.includeRemoved')} checked={draft.include_removed === 'true'} onChange={(e) => setDraft({ ...draft, include_removed: e.target.checked ? 'true' : '' })} />
      <div className="filter-actions">
        <button type="submit" className="btn btn-primary">{t('softwareList.apply')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => { setDraft({}); onApply({}); }}>{t('softwareList.clear')}</button>
      </div>
    </form>
  );
}

function ExportButtons({ group, filter }: { group: number; filter: Filter }) {
  const { t } = useTranslation();
  const exporter = useAction(async (format: 'csv' | 'json') => {
    const query: ExportQuery = { ...filter, format };
    const data = await unwrap(api.GET('/api/v1/groups/{group}/software/export', { params: { path: { group }, query }, parseAs: 'blob' }));
    saveBlob(data as Blob, `software.${format}`);
  });
  return (
    <div className="table-toolbar">
      <div className="form-actions">
        <button type="button" className="btn" data-testid="export-csv" disabled={exporter.busy} aria-describedby="software-export-hint" onClick={() => void exporter.run('csv')}>{t('softwareList.exportCsv')}</button>
        <button type="button" className="btn" data-testid="export-json" disabled={exporter.busy} aria-describedby="software-export-hint" onClick={() => void exporter.run('json')}>{t('softwareList.exportJson')}</button>
      </div>
      <p className="hint" id="software-export-hint">{t('softwareList.exportHint')}</p>
      <ErrorMessage error={exporter.error} />
    </div>
  );
}

function SoftwareTable({ group, rows }: { group: number; rows: GroupSoftware[] }) {
  const { t } = useTranslation();
  return (
    <DataTable<GroupSoftware>
      caption={t('softwareList.title')}
      testId="group-software-table"
      rows={rows}
      rowKey={(s) => s.id}
      empty={t('softwareList.empty')}
      columns={[
        { key: 'server', header: t('softwareList.server'), cell: (s) => <Link to={`/groups/${group}/servers/${s.server_id}`}>{s.server_name}</Link> },
        {
          key: 'name', header: t('softwareList.name'),
          cell: (s) => (
            <>
              {s.name}
              {s.removed_at !== null && <> <Badge tone="neutral">{t('softwareList.removed')}</Badge></>}
              {s.purl && <div className="muted small mono">{s.purl}</div>}
            </>
          ),
        },
        { key: 'version', header: t('softwareList.version'), className: 'mono', cell: (s) => versionText(s) || '—' },
        { key: 'type', header: t('softwareList.type'), cell: (s) => t(`softwareType.${s.type}`) },
        { key: 'eco', header: t('softwareList.ecosystem'), cell: (s) => s.ecosystem || s.package_manager || '—' },
        {
          key: 'license', header: t('softwareList.license'),
          cell: (s) => (s.license_expression || s.license
            ? (<><span className="mono">{s.license_expression || s.license}</span>{s.license_category && <div><LicenseCategoryBadge category={s.license_category} /></div>}</>)
            : '—'),
        },
        {
          key: 'eol', header: t('softwareList.eol'),
          cell: (s) => (s.eol_product
            ? (<>{s.eol_product} {s.eol_cycle}{s.eol_state && <div><EolStateBadge state={s.eol_state} />{s.eol_date && <span className="small"> {s.eol_date}</span>}</div>}</>)
            : '—'),
        },
      ]}
    />
  );
}

export function SoftwarePage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters: Filters = Object.fromEntries(FILTER_KEYS.filter((k) => params.get(k)).map((k) => [k, params.get(k) ?? '']));
  const filter = toFilter(filters);
  // The after-cursors of the pages walked, for the filters they were walked with.
  const [paging, setPaging] = useState<{ key: string; afters: number[] }>({ key, afters: [] });
  const afters = paging.key === key ? paging.afters : [];
  const after = afters.at(-1);
  const page = useQuery(
    () => unwrap(api.GET('/api/v1/groups/{group}/software', { params: { path: { group }, query: { ...filter, limit: PAGE, ...(after !== undefined ? { after } : {}) } } })),
    [group, key, after],
  );
  const apply = (f: Filters) => setParams(Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Record<string, string>);
  return (
    <Page title={t('softwareList.title')}>
      <p className="lead">{t('softwareList.lead')}</p>
      <FilterForm key={key} group={group} filters={filters} onApply={apply} />
      <ExportButtons group={group} filter={filter} />
      <Loaded query={page}>
        {(p) => (
          <>
            <SoftwareTable group={group} rows={p.software} />
            <CursorPager
              label={t('softwareList.title')}
              page={afters.length + 1}
              hasNext={p.next_after !== undefined}
              onNext={() => { if (p.next_after !== undefined) setPaging({ key, afters: [...afters, p.next_after] }); }}
              onFirst={() => setPaging({ key, afters: [] })}
            />
          </>
        )}
      </Loaded>
    </Page>
  );
}
