// Add SBOM server (R18): a server whose software comes from SBOM files of any tool, imported
// on its page (or with `kensa import sbom`).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage } from '../../components/Feedback';
import { TextField } from '../../components/Form';
import { useAction } from '../../hooks/useAction';

export function SbomServerForm({ group }: { group: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const create = useAction(async () => {
    const created = await unwrap(api.POST('/api/v1/groups/{group}/servers/sbom', { params: { path: { group } }, body: { name } }));
    navigate(`/groups/${group}/servers/${created.server_id}`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form onSubmit={submit} aria-labelledby="sbom-server-heading" className="form-narrow">
      <h2 id="sbom-server-heading">{t('addServer.sbom')}</h2>
      <p className="lead">{t('addServer.sbomLead')}</p>
      <TextField label={t('servers.name')} required value={name} onChange={(e) => setName(e.target.value)} />
      <ErrorMessage error={create.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy}>{t('addServer.createSbom')}</button>
      </div>
    </form>
  );
}
