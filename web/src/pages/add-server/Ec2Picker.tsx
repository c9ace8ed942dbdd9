// Add EC2 instance (R3): pick among the instances Inspector covers (ListCoverage).
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema';
import { Badge, YesNo } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage, Loaded } from '../../components/Feedback';
import { useSelection } from '../../components/Selection';
import { useAction } from '../../hooks/useAction';
import { useQuery } from '../../hooks/useQuery';

type Candidate = components['schemas']['Ec2Candidate'];

export function Ec2Picker({ group }: { group: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const candidates = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/ec2-candidates', { params: { path: { group } } }))).instances, [group]);
  const { selected, toggle } = useSelection<string>();
  const register = useAction(async () => {
    const created = await unwrap(api.POST('/api/v1/groups/{group}/servers/ec2', { params: { path: { group } }, body: { instance_ids: [...selected] } }));
    navigate(created.server_ids.length === 1 ? `/groups/${group}/servers/${created.server_ids[0]}` : `/groups/${group}/servers`);
  });
  return (
    <section aria-labelledby="ec2-heading">
      <h2 id="ec2-heading">{t('addServer.ec2')}</h2>
      <p className="lead">{t('addServer.ec2Lead')}</p>
      <Loaded query={candidates}>
        {(rows) => (
          <DataTable<Candidate>
            caption={t('addServer.ec2')}
            testId="ec2-candidates"
            rows={rows}
            rowKey={(c) => c.instance_id}
            empty={t('addServer.ec2Empty')}
            columns={[
              {
                key: 'pick', header: <span className="visually-hidden">{t('common.select')}</span>, className: 'col-check',
                cell: (c) => (
                  <input
                    type="checkbox"
                    aria-label={t('addServer.selectInstance', { id: c.instance_id })}
                    disabled={c.registered}
                    checked={selected.has(c.instance_id)}
                    onChange={(e) => toggle(c.instance_id, e.target.checked)}
                  />
                ),
              },
              { key: 'id', header: t('addServer.instance'), className: 'mono', cell: (c) => c.instance_id },
              { key: 'name', header: t('servers.name'), cell: (c) => c.name || '—' },
              { key: 'platform', header: t('addServer.platform'), cell: (c) => c.platform },
              { key: 'status', header: t('addServer.inspectorStatus'), cell: (c) => <Badge tone={c.scan_status === 'ACTIVE' ? 'ok' : 'medium'}>{c.scan_status}</Badge> },
              { key: 'reason', header: t('addServer.reason'), cell: (c) => c.scan_reason || '—' },
              { key: 'mode', header: t('addServer.inspectorMode'), cell: (c) => c.scan_mode || '—' },
              { key: 'registered', header: t('addServer.registered'), cell: (c) => <YesNo value={c.registered} /> },
            ]}
          />
        )}
      </Loaded>
      <ErrorMessage error={register.error} />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={selected.size === 0 || register.busy} onClick={() => void register.run()}>
          {t('addServer.registerSelected', { count: selected.size })}
        </button>
      </div>
    </section>
  );
}
