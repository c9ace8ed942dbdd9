// Add server > Lambda functions: choose the pseudo server, then bulk add or add by ARN.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { Loaded } from '../../components/Feedback';
import { SelectField } from '../../components/Form';
import { LambdaFunctionAdder } from '../../components/LambdaFunctionAdder';
import { useQuery } from '../../hooks/useQuery';

export function LambdaBulkAdd({ group }: { group: number }) {
  const { t } = useTranslation();
  const pseudo = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/servers', { params: { path: { group } } }))).servers.filter((s) => s.kind === 'pseudo'), [group]);
  const [chosen, setChosen] = useState<number>();
  return (
    <section aria-labelledby="lambda-heading">
      <h2 id="lambda-heading">{t('addServer.lambda')}</h2>
      <p className="lead">{t('addServer.lambdaLead')}</p>
      <Loaded query={pseudo}>
        {(servers) =>
          servers.length === 0 ? (
            <p>
              {t('addServer.noPseudo')} <Link to={`/groups/${group}/servers/new?flow=pseudo`}>{t('addServer.pseudo')}</Link>
            </p>
          ) : (
            <>
              <div className="form-narrow">
              <SelectField
                label={t('addServer.pseudoServer')}
                value={String(chosen ?? servers[0].id)}
                onChange={(e) => setChosen(Number(e.target.value))}
                options={servers.map((s) => ({ value: String(s.id), label: s.name }))}
              />
              </div>
              <LambdaFunctionAdder
                group={group}
                server={chosen ?? servers[0].id}
                existing={(servers.find((s) => s.id === (chosen ?? servers[0].id))?.lambda_functions ?? []).map((f) => f.arn)}
                onAdded={pseudo.reload}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
