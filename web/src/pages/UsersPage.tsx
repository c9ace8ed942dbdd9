// Users (site administrators): the list and a new user.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { User } from '../api/types';
import { YesNo } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, Loaded, Notice } from '../components/Feedback';
import { CheckboxField, TextField } from '../components/Form';
import { Card, Page } from '../components/Page';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';

export function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery(async () => (await unwrap(api.GET('/api/v1/users'))).users, []);
  const [form, setForm] = useState({ name: '', password: '', site_admin: false });
  const [created, setCreated] = useState('');
  const create = useAction(async () => {
    const user = await unwrap(api.POST('/api/v1/users', { body: form }));
    setCreated(user.name);
    setForm({ name: '', password: '', site_admin: false });
    users.reload();
  });
  const submit = (e: FormEvent) => { e.preventDefault(); void create.run(); };
  return (
    <Page title={t('users.title')}>
      <Loaded query={users}>
        {(rows) => (
          <DataTable<User>
            caption={t('users.title')}
            rows={rows}
            rowKey={(u) => u.id}
            columns={[
              { key: 'id', header: t('users.id'), className: 'num', cell: (u) => u.id },
              { key: 'name', header: t('users.name'), cell: (u) => u.name },
              { key: 'email', header: t('users.email'), cell: (u) => u.email || '—' },
              { key: 'admin', header: t('users.siteAdmin'), cell: (u) => <YesNo value={u.is_admin} /> },
            ]}
          />
        )}
      </Loaded>
      <Card title={t('users.create')}>
        <form className="edit-grid" onSubmit={submit}>
          <TextField label={t('users.name')} required autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <TextField label={t('users.password')} type="password" required autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          <div className="span-2"><CheckboxField label={t('users.siteAdmin')} checked={form.site_admin} onChange={(e) => setForm({ ...form, site_admin: e.target.checked })} /></div>
          <div className="form-actions span-2"><button type="submit" className="btn btn-primary" disabled={create.busy}>{t('users.createButton')}</button></div>
          <div className="span-2">
            <ErrorMessage error={create.error} />
            {created && <Notice tone="ok">{t('users.created', { name: created })}</Notice>}
          </div>
        </form>
      </Card>
    </Page>
  );
}
