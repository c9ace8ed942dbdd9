// Add ECR image (R9): a registered repository and tag; only registered tags are scanned.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage } from '../../components/Feedback';
import { TextField } from '../../components/Form';
import { useAction } from '../../hooks/useAction';

export function EcrImageForm({ group }: { group: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState({ registry: '', repository: '', tag: '', region: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const create = useAction(async () => {
    const body = { registry: form.registry, repository: form.repository, tag: form.tag, ...(form.region ? { region: form.region } : {}) };
    const created = await unwrap(api.POST('/api/v1/groups/{group}/servers/ecr', { params: { path: { group } }, body }));
    navigate(`/groups/${group}/servers/${created.server_id}`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form onSubmit={submit} aria-labelledby="ecr-heading" className="form-narrow">
      <h2 id="ecr-heading">{t('addServer.ecr')}</h2>
      <p className="lead">{t('addServer.ecrLead')}</p>
      <TextField label={t('addServer.registry')} hint={t('addServer.registryHint')} required inputMode="numeric" value={form.registry} onChange={set('registry')} />
      <TextField label={t('addServer.repository')} required value={form.repository} onChange={set('repository')} />
      <TextField label={t('addServer.tag')} required value={form.tag} onChange={set('tag')} />
      <TextField label={t('addServer.region')} hint={t('addServer.regionHint')} value={form.region} onChange={set('region')} />
      <ErrorMessage error={create.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy}>{t('addServer.registerEcr')}</button>
      </div>
    </form>
  );
}
