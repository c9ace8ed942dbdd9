// Group settings > Members: change a member's role, remove a member, add a user by id.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema';
import { ROLES, type Role } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage, Loaded } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Form';
import { Card, Page } from '../../components/Page';
import { useAction } from '../../hooks/useAction';
import { useQuery } from '../../hooks/useQuery';
import { useGroupId } from '../../layout/GroupContext';

type Member = components['schemas']['Member'];

export function MembersPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const members = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/members', { params: { path: { group } } }))).members, [group]);
  const setRole = useAction(async (user: number, role: Role) => {
    await unwrap(api.PUT('/api/v1/groups/{group}/members/{user}', { params: { path: { group, user } }, body: { role } }));
    members.reload();
  });
  const remove = useAction(async (member: Member) => {
    if (!window.confirm(t('members.confirmRemove', { name: member.name }))) return;
    await unwrap(api.DELETE('/api/v1/groups/{group}/members/{user}', { params: { path: { group, user: member.user_id } } }));
    members.reload();
  });
  const [newMember, setNewMember] = useState({ user: '', role: 'member' as Role });
  const submit = (e: FormEvent) => { e.preventDefault(); void setRole.run(Number(newMember.user), newMember.role).then(() => setNewMember({ user: '', role: 'member' })); };
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <Page title={t('members.title')}>
      <ErrorMessage error={setRole.error ?? remove.error} />
      <Loaded query={members}>
        {(rows) => (
          <DataTable<Member>
            caption={t('members.title')}
            rows={rows}
            rowKey={(m) => m.user_id}
            columns={[
              { key: 'name', header: t('members.name'), cell: (m) => m.name },
              { key: 'role', header: t('members.role'), cell: (m) => (
                <select aria-label={t('members.roleOf', { name: m.name })} value={m.role} onChange={(e) => void setRole.run(m.user_id, e.target.value as Role)}>
                  {roleOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) },
              { key: 'remove', header: <span className="visually-hidden">{t('common.actions')}</span>, cell: (m) => <button type="button" className="btn btn-danger btn-small" onClick={() => void remove.run(m)}>{t('members.remove')}<span className="visually-hidden"> {m.name}</span></button> },
            ]}
          />
        )}
      </Loaded>
      <Card title={t('members.add')}>
        <form className="inline-form" onSubmit={submit}>
          <TextField label={t('members.userId')} type="number" min={1} required value={newMember.user} onChange={(e) => setNewMember({ ...newMember, user: e.target.value })} />
          <SelectField label={t('members.role')} value={newMember.role} onChange={(e) => setNewMember({ ...newMember, role: e.target.value as Role })} options={roleOptions} />
          <button type="submit" className="btn btn-primary" disabled={setRole.busy}>{t('members.addButton')}</button>
        </form>
      </Card>
    </Page>
  );
}
