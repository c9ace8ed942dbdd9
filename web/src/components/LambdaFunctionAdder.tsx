// AWS Lambda functions > Bulk add and > Add (function ARN) for one pseudo server (R6, R7):
// Image-package functions are shown disabled with the reason; unsupported runtimes are flagged.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { components } from '../api/schema';
import { Badge } from './Badge';
import { DataTable } from './DataTable';
import { ErrorMessage, Loaded, Notice } from './Feedback';
import { TextField } from './Form';
import { useSelection } from './Selection';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';

type Candidate = components['schemas']['LambdaCandidate'];
type AddResult = components['schemas']['LambdaAddResult'];

function Results({ results }: { results: AddResult[] }) {
  const { t } = useTranslation();
  if (results.length === 0) return null;
  return (
    <ul className="result-list" aria-live="polite" data-testid="lambda-results">
      {results.map((r) => (
        <li key={r.arn}>
          <Badge tone={r.added ? 'ok' : 'critical'}>{r.added ? t('lambda.added') : t('lambda.refused')}</Badge>{' '}
          <span className="mono">{r.arn}</span>
          {!r.runtime_supported && <> <Badge tone="medium">{t('lambda.unsupportedRuntime')}</Badge></>}
          {r.message && <span className="muted"> — {r.message}</span>}
        </li>
      ))}
    </ul>
  );
}

export function LambdaFunctionAdder({ group, server, existing = [], onAdded }: { group: number; server: number; existing?: string[]; onAdded?: () => void }) {
  const { t } = useTranslation();
  const candidates = useQuery(async () => (await unwrap(api.GET('/api/v1/groups/{group}/lambda-candidates', { params: { path: { group } } }))).functions, [group]);
  const { selected, toggle, clear } = useSelection<string>();
  const [arn, setArn] = useState('');
  const arnHeading = useId();
  const [results, setResults] = useState<AddResult[]>([]);
  const add = useAction(async (functions: string[]) => {
    // 201, or 207 when some were refused: both carry one result per function.
    const added = await unwrap(api.POST('/api/v1/groups/{group}/servers/{server}/lambda-functions', { params: { path: { group, server } }, body: { functions } }));
    setResults(added.results);
    clear();
    onAdded?.();
  });
  const submitArn = (e: FormEvent) => {
    e.preventDefault();
    void add.run([arn.trim()]).then(() => setArn(''));
  };

  return (
    <div className="lambda-adder">
      <h3>{t('lambda.bulkAdd')}</h3>
      <Loaded query={candidates}>
        {(rows) => (
          <DataTable<Candidate>
            caption={t('lambda.bulkAdd')}
            testId="lambda-candidates"
            rows={rows}
            rowKey={(c) => c.arn}
            empty={t('lambda.empty')}
            columns={[
              {
                key: 'pick', header: <span className="visually-hidden">{t('common.select')}</span>, className: 'col-check',
                cell: (c) => (
                  <input
                    type="checkbox"
                    aria-label={t('lambda.select', { name: c.name })}
                    disabled={!c.registrable || existing.includes(c.arn)}
                    checked={selected.has(c.arn)}
                    onChange={(e) => toggle(c.arn, e.target.checked)}
                  />
                ),
              },
              { key: 'name', header: t('lambda.name'), cell: (c) => c.name },
              { key: 'runtime', header: t('lambda.runtime'), cell: (c) => (<>{c.runtime || '—'}{!c.runtime_supported && <> <Badge tone="medium">{t('lambda.unsupportedRuntime')}</Badge></>}</>) },
              { key: 'package', header: t('lambda.packageType'), cell: (c) => c.package_type },
              { key: 'note', header: t('lambda.note'), cell: (c) => (!c.registrable ? <span className="text-warn">{c.note || t('lambda.imageRefused')}</span> : existing.includes(c.arn) ? <span className="muted">{t('lambda.onServer')}</span> : c.note || '—') },
            ]}
          />
        )}
      </Loaded>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={selected.size === 0 || add.busy} onClick={() => void add.run([...selected])}>
          {t('lambda.addSelected', { count: selected.size })}
        </button>
      </div>
      <form onSubmit={submitArn} className="inline-form" aria-labelledby={arnHeading}>
        <h3 id={arnHeading}>{t('lambda.addByArn')}</h3>
        <TextField label={t('lambda.arn')} className="mono wide" required placeholder="arn:aws:lambda:us-east-1:123456789012:function:name" value={arn} onChange={(e) => setArn(e.target.value)} />
        <button type="submit" className="btn" disabled={add.busy}>{t('lambda.add')}</button>
      </form>
      <ErrorMessage error={add.error} />
      {results.length > 0 && <Notice tone={results.every((r) => r.added) ? 'ok' : 'warn'}>{t('lambda.resultSummary', { added: results.filter((r) => r.added).length, total: results.length })}</Notice>}
      <Results results={results} />
    </div>
  );
}
