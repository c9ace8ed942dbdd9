// Add pseudo server (R5): a server that holds Lambda functions.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage } from '../../components/Feedback';
import { TextField } from '../../components/Form';
import { useAction } from '../../hooks/useAction';

export function PseudoServerForm({ group }: { group: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const create = useAction(async () => {
    const created = await unwrap(api.POST('/api/v1/groups/{group}/servers/pseudo', { params: { path: { group } }, body: { name } }));
    navigate(`/groups/${group}/servers/${created.server_id}`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form onSubmit={submit} aria-labelledby="pseudo-heading" className="form-narrow">
      <h2 id="pseudo-heading">{t('addServer.pseudo')}</h2>
      <p className="lead">{t('addServer.pseudoLead')}</p>
      <TextField label={t('servers.name')} required value={name} onChange={(e) => setName(e.target.value)} />
      <ErrorMessage error={create.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy}>{t('addServer.createPseudo')}</button>
      </div>
    </form>
  );
}
