// License management (R18): the group's software by license category and license, the
// software the license policy warns about or denies, and (for group admins) the policy itself
// with the near-EOL window, both saved through PUT .../inventory-settings.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { LICENSE_CATEGORIES, type InventorySettings, type LicensePolicy, type LicenseUse, type LicenseViolation } from '../api/types';
import { LicenseCategoryBadge, LicenseDecisionBadge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, Loaded, Notice } from '../components/Feedback';
import { CheckboxField, TextField } from '../components/Form';
import { versionText } from '../components/format';
import { Card, Page } from '../components/Page';
import { useAction } from '../hooks/useAction';
import { isGroupAdmin, useGroupRole } from '../hooks/useGroupRole';
import { useQuery } from '../hooks/useQuery';
import { useGroupId } from '../layout/GroupContext';

const softwareLink = (group: number, query: Record<string, string>) => `/groups/${group}/software?${new URLSearchParams(query).toString()}`;

function CategoryCounts({ group, byCategory, rows, withoutLicense }: { group: number; byCategory: Record<string, number>; rows: number; withoutLicense: number }) {
  const { t } = useTranslation();
  // "none" counts the rows without a license, shown as such.
  const keys = [...LICENSE_CATEGORIES.filter((c) => c in byCategory), ...Object.keys(byCategory).filter((c) => c && c !== 'none' && !(LICENSE_CATEGORIES as readonly string[]).includes(c))];
  return (
    <Card title={t('licenses.byCategory')}>
      <dl className="facts" data-testid="license-categories">
        <div><dt>{t('licenses.totalRows')}</dt><dd className="stat-number">{rows}</dd></div>
        <div><dt>{t('licenses.withoutLicense')}</dt><dd className="stat-number">{withoutLicense}</dd></div>
        {keys.map((c) => (
          <div key={c}>
            <dt><LicenseCategoryBadge category={c} /></dt>
            <dd className="stat-number"><Link to={softwareLink(group, { license_category: c })}>{byCategory[c] ?? 0}</Link></dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function LicenseTable({ group, licenses }: { group: number; licenses: LicenseUse[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('licenses.inUse')}>
      <DataTable<LicenseUse>
        caption={t('licenses.inUse')}
        testId="licenses-table"
        rows={licenses}
        rowKey={(l) => `${l.license}|${l.category}`}
        empty={t('licenses.empty')}
        columns={[
          { key: 'license', header: t('licenses.license'), cell: (l) => <Link className="mono" to={softwareLink(group, { license: l.license })} aria-label={t('licenses.showSoftware', { license: l.license })}>{l.license}</Link> },
          { key: 'category', header: t('licenses.category'), cell: (l) => <LicenseCategoryBadge category={l.category} /> },
          { key: 'rows', header: t('licenses.rows'), className: 'num', cell: (l) => l.rows },
          { key: 'servers', header: t('licenses.servers'), className: 'num', cell: (l) => l.server_ids.length },
        ]}
      />
    </Card>
  );
}

function ViolationTable({ group, violations }: { group: number; violations: LicenseViolation[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('licenses.violations')}>
      <DataTable<LicenseViolation>
        caption={t('licenses.violations')}
        testId="license-violations"
        rows={violations}
        rowKey={(v) => `${v.server_id}-${v.software.id}`}
        empty={t('licenses.noViolations')}
        columns={[
          { key: 'decision', header: t('licenses.decision'), cell: (v) => <LicenseDecisionBadge decision={v.decision} /> },
          { key: 'server', header: t('licenses.server'), cell: (v) => <Link to={`/groups/${group}/servers/${v.server_id}`}>{v.server_name}</Link> },
          { key: 'package', header: t('licenses.package'), cell: (v) => (<>{v.software.name}{v.software.purl && <div className="muted small mono">{v.software.purl}</div>}</>) },
          { key: 'version', header: t('licenses.version'), className: 'mono', cell: (v) => versionText(v.software) || '—' },
          { key: 'license', header: t('licenses.license'), cell: (v) => (<><span className="mono">{v.software.license_expression || v.software.license || '—'}</span>{v.software.license_category && <div><LicenseCategoryBadge category={v.software.license_category} /></div>}</>) },
        ]}
      />
    </Card>
  );
}

const splitList = (text: string) => text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
const joinList = (list: string[] | undefined) => (list ?? []).join(', ');

function SettingsForm({ group, settings, onSaved }: { group: number; settings: InventorySettings; onSaved: (s: InventorySettings) => void }) {
  const { t } = useTranslation();
  const policy = settings.license_policy;
  const [form, setForm] = useState({
    allow: joinList(policy.allow), warn: joinList(policy.warn), deny: joinList(policy.deny),
    exempt: policy.exempt_os_packages ?? true, days: String(settings.eol_near_days),
  });
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const license_policy: LicensePolicy = { allow: splitList(form.allow), warn: splitList(form.warn), deny: splitList(form.deny), exempt_os_packages: form.exempt };
    const next = await unwrap(api.PUT('/api/v1/groups/{group}/inventory-settings', { params: { path: { group } }, body: { eol_near_days: Number(form.days), license_policy } }));
    setSaved(true);
    onSaved(next);
  });
  const set = (key: 'allow' | 'warn' | 'deny' | 'days') => (e: { target: { value: string } }) => { setSaved(false); setForm({ ...form, [key]: e.target.value }); };
  const submit = (e: FormEvent) => { e.preventDefault(); void save.run(); };
  return (
    <form className="edit-grid" onSubmit={submit} aria-label={t('licenses.settings')} data-testid="inventory-settings-form">
      <TextField label={t('licenses.allow')} hint={t('licenses.listHint')} className="mono" value={form.allow} onChange={set('allow')} placeholder="permissive, public_domain" />
      <TextField label={t('licenses.warn')} hint={t('licenses.listHint')} className="mono" value={form.warn} onChange={set('warn')} placeholder="weak_copyleft, unknown" />
      <TextField label={t('licenses.deny')} hint={t('licenses.listHint')} className="mono" value={form.deny} onChange={set('deny')} placeholder="network_copyleft, GPL-3.0-only" />
      <TextField label={t('licenses.eolNearDays')} hint={t('licenses.eolNearDaysHint')} type="number" min={0} max={3650} step={1} required value={form.days} onChange={set('days')} />
      <div className="span-2"><CheckboxField label={t('licenses.exemptOs')} checked={form.exempt} onChange={(e) => { setSaved(false); setForm({ ...form, exempt: e.target.checked }); }} /></div>
      <div className="form-actions span-2">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>{t('licenses.save')}</button>
        {saved && <Notice tone="ok">{t('common.saved')}</Notice>}
      </div>
      <div className="span-2"><ErrorMessage error={save.error} /></div>
    </form>
  );
}

function SettingsView({ settings }: { settings: InventorySettings }) {
  const { t } = useTranslation();
  const p = settings.license_policy;
  const list = (l: string[] | undefined) => (l && l.length ? <span className="mono">{l.join(', ')}</span> : <span className="muted">{t('licenses.notSet')}</span>);
  return (
    <>
      <p className="hint">{t('licenses.readOnly')}</p>
      <dl className="facts">
        <div><dt>{t('licenses.allow')}</dt><dd>{list(p.allow)}</dd></div>
        <div><dt>{t('licenses.warn')}</dt><dd>{list(p.warn)}</dd></div>
        <div><dt>{t('licenses.deny')}</dt><dd>{list(p.deny)}</dd></div>
        <div><dt>{t('licenses.exemptOs')}</dt><dd>{p.exempt_os_packages ?? true ? t('common.yes') : t('common.no')}</dd></div>
        <div><dt>{t('licenses.eolNearDays')}</dt><dd>{settings.eol_near_days}</dd></div>
      </dl>
    </>
  );
}

function Settings({ group, onSaved }: { group: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const role = useGroupRole();
  const settings = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/inventory-settings', { params: { path: { group } } })), [group]);
  const location = useLocation();
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (location.hash === '#inventory-settings' && settings.data) anchor.current?.scrollIntoView();
  }, [location.hash, settings.data]);
  return (
    <div id="inventory-settings" ref={anchor}>
      <Card title={t('licenses.settings')}>
        <p className="lead">{t('licenses.settingsLead')}</p>
        <Loaded query={settings}>
          {(s) => (isGroupAdmin(role)
            ? <SettingsForm key={JSON.stringify(s)} group={group} settings={s} onSaved={() => { settings.reload(); onSaved(); }} />
            : <SettingsView settings={s} />)}
        </Loaded>
      </Card>
    </div>
  );
}

export function LicensesPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const [version, setVersion] = useState(0);
  const overview = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/licenses', { params: { path: { group } } })), [group, version]);
  const violations = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/license-violations', { params: { path: { group }, query: { limit: 500 } } }))).violations, [group, version]);
  return (
    <Page title={t('licenses.title')}>
      <p className="lead">{t('licenses.lead')}</p>
      <Loaded query={overview}>
        {(o) => (
          <>
            <CategoryCounts group={group} byCategory={o.by_category} rows={o.rows} withoutLicense={o.without_license} />
            <LicenseTable group={group} licenses={o.licenses} />
          </>
        )}
      </Loaded>
      <Loaded query={violations}>{(v) => <ViolationTable group={group} violations={v} />}</Loaded>
      <Settings group={group} onSaved={() => setVersion((n) => n + 1)} />
    </Page>
  );
}
