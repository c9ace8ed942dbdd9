// My API tokens: the list, a new token (its secret shown once) and revocation.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { components } from '../api/schema';
import { TOKEN_SCOPES, type TokenScope } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, Loaded, Notice } from '../components/Feedback';
import { CheckboxField, CopyField, TextField } from '../components/Form';
import { formatTime } from '../components/format';
import { Card, Page } from '../components/Page';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';

type ApiToken = components['schemas']['ApiToken'];

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const tokens = useQuery(async () => (await unwrap(api.GET('/api/v1/tokens'))).tokens, []);
  const [form, setForm] = useState<{ label: string; scopes: TokenScope[]; days: string }>({ label: '', scopes: ['read'], days: '90' });
  const [secret, setSecret] = useState('');
  const create = useAction(async () => {
    const created = await unwrap(api.POST('/api/v1/tokens', { body: { label: form.label, scopes: form.scopes, ...(form.days ? { expires_in_days: Number(form.days) } : {}) } }));
    setSecret(created.token);
    setForm({ label: '', scopes: ['read'], days: '90' });
    tokens.reload();
  });
  const revoke = useAction(async (token: ApiToken) => {
    if (!window.confirm(t('tokens.confirmRevoke', { label: token.label }))) return;
    await unwrap(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: token.id } } }));
    tokens.reload();
  });
  const toggleScope = (scope: TokenScope, on: boolean) => setForm({ ...form, scopes: on ? [...form.scopes, scope] : form.scopes.filter((s) => s !== scope) });
  const submit = (e: FormEvent) => { e.preventDefault(); setSecret(''); void create.run(); };
  return (
    <Page title={t('tokens.title')}>
      <ErrorMessage error={revoke.error} />
      <Loaded query={tokens}>
        {(rows) => (
          <DataTable<ApiToken>
            caption={t('tokens.title')}
            rows={rows}
            rowKey={(tk) => tk.id}
            empty={t('tokens.empty')}
            columns={[
              { key: 'label', header: t('tokens.label'), cell: (tk) => tk.label || '—' },
              { key: 'scopes', header: t('tokens.scopes'), cell: (tk) => tk.scopes.map((s) => <Badge key={s} tone="neutral">{t(`tokens.scope.${s}`)}</Badge>) },
              { key: 'created', header: t('tokens.created'), cell: (tk) => formatTime(tk.created_at, i18n.language) },
              { key: 'expires', header: t('tokens.expires'), cell: (tk) => (tk.expires_at ? formatTime(tk.expires_at, i18n.language) : t('tokens.never')) },
              { key: 'used', header: t('tokens.lastUsed'), cell: (tk) => (tk.last_used_at ? formatTime(tk.last_used_at, i18n.language) : t('tokens.neverUsed')) },
              { key: 'revoke', header: <span className="visually-hidden">{t('common.actions')}</span>, cell: (tk) => <button type="button" className="btn btn-danger btn-small" onClick={() => void revoke.run(tk)}>{t('tokens.revoke')}<span className="visually-hidden"> {tk.label}</span></button> },
            ]}
          />
        )}
      </Loaded>
      <Card title={t('tokens.create')}>
        <form className="edit-grid" onSubmit={submit}>
          <TextField label={t('tokens.label')} required value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} />
          <TextField label={t('tokens.expiresInDays')} type="number" min={1} value={form.days} onChange={(e) => setForm({ ...form, days: e.target.value })} hint={t('tokens.expiresHint')} />
          <fieldset className="span-2 scopes">
            <legend>{t('tokens.scopes')}</legend>
            {TOKEN_SCOPES.map((s) => <CheckboxField key={s} label={t(`tokens.scope.${s}`)} checked={form.scopes.includes(s)} onChange={(e) => toggleScope(s, e.target.checked)} />)}
          </fieldset>
          <div className="form-actions span-2"><button type="submit" className="btn btn-primary" disabled={create.busy || form.scopes.length === 0}>{t('tokens.createButton')}</button></div>
          <div className="span-2"><ErrorMessage error={create.error} /></div>
        </form>
        {secret && (
          <div className="secret-once" data-testid="new-token">
            <Notice tone="warn">{t('tokens.shownOnce')}</Notice>
            <CopyField label={t('tokens.newToken')} value={secret} />
          </div>
        )}
      </Card>
    </Page>
  );
}
