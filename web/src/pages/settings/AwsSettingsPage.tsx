// Group settings > External integration > AWS: the credentials (R2), the connection test with
// each permission's result, and the Inspector SBOM export settings with its CloudFormation
// template (R11).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema';
import type { Group } from '../../api/types';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { saveBlob } from '../../components/download';
import { ErrorMessage, Loaded, Notice } from '../../components/Feedback';
import { CheckboxField, CopyField, SelectField, TextField } from '../../components/Form';
import { Card, Page } from '../../components/Page';
import { useAction } from '../../hooks/useAction';
import { useGroup } from '../../hooks/useGroup';
import { useQuery } from '../../hooks/useQuery';

type Report = components['schemas']['ConnectionReport'];
type Permission = components['schemas']['PermissionCheck'];
type SbomSettings = components['schemas']['SbomExportSettings'];
type AuthType = components['schemas']['AwsSettingsUpdate']['auth_type'];

function CredentialsForm({ group, onSaved }: { group: Group; onSaved: () => void }) {
  const { t } = useTranslation();
  const aws = group.aws;
  const [form, setForm] = useState({
    auth_type: (aws.auth_type === 'none' ? 'assume_role' : aws.auth_type) as AuthType,
    region: aws.region, access_key_id: aws.access_key_id, secret_access_key: '', role_arn: aws.role_arn, endpoint_url: aws.endpoint_url,
  });
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => { setSaved(false); setForm({ ...form, [key]: e.target.value }); };
  const save = useAction(async () => {
    const { secret_access_key, role_arn, ...rest } = form;
    await unwrap(api.PUT('/api/v1/groups/{group}/aws', {
      params: { path: { group: group.id } },
      body: { ...rest, ...(secret_access_key ? { secret_access_key } : {}), role_arn: form.auth_type === 'assume_role' ? role_arn : '' },
    }));
    setSaved(true);
    setForm((f) => ({ ...f, secret_access_key: '' }));
    onSaved();
  });
  const submit = (e: FormEvent) => { e.preventDefault(); void save.run(); };
  return (
    <form onSubmit={submit} className="edit-grid" data-testid="aws-form" aria-label={t('aws.credentials')}>
      <SelectField label={t('aws.authType')} value={form.auth_type} onChange={set('auth_type')} options={[{ value: 'assume_role', label: t('aws.assumeRole') }, { value: 'access_key', label: t('aws.accessKey') }]} />
      <TextField label={t('aws.region')} required value={form.region} onChange={set('region')} placeholder="us-east-1" />
      <TextField label={t('aws.accessKeyId')} value={form.access_key_id} onChange={set('access_key_id')} autoComplete="off" />
      <TextField label={t('aws.secretAccessKey')} type="password" autoComplete="new-password" value={form.secret_access_key} onChange={set('secret_access_key')} hint={aws.secret_access_key_set ? t('aws.secretKept') : t('aws.secretMissing')} />
      {form.auth_type === 'assume_role' && (
        <>
          <TextField label={t('aws.roleArn')} required value={form.role_arn} onChange={set('role_arn')} placeholder="arn:aws:iam::123456789012:role/kensa" />
          <CopyField label={t('aws.externalId')} value={aws.external_id} hint={t('aws.externalIdHint')} testId="external-id" />
        </>
      )}
      <TextField label={t('aws.endpointUrl')} value={form.endpoint_url} onChange={set('endpoint_url')} hint={t('aws.endpointHint')} />
      <div className="form-actions span-2">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>{t('common.save')}</button>
        {saved && <Notice tone="ok">{t('common.saved')}</Notice>}
      </div>
      <div className="span-2"><ErrorMessage error={save.error} /></div>
    </form>
  );
}

function ConnectionTest({ group }: { group: number }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<Report>();
  const test = useAction(async () => setReport(await unwrap(api.POST('/api/v1/groups/{group}/aws/test', { params: { path: { group } } }))));
  return (
    <Card title={t('aws.test')} actions={<button type="button" className="btn" disabled={test.busy} onClick={() => void test.run()}>{t('aws.runTest')}</button>}>
      <ErrorMessage error={test.error} />
      {!report && <p className="muted">{t('aws.testLead')}</p>}
      {report && (
        <div data-testid="aws-test-report">
          <Notice tone={report.ok ? 'ok' : 'warn'}>{report.ok ? t('aws.testOk', { arn: report.arn }) : report.error || t('aws.testMissing', { count: report.missing.length })}</Notice>
          <DataTable<Permission>
            caption={t('aws.permissions')}
            rows={report.permissions}
            rowKey={(p) => p.action}
            columns={[
              { key: 'action', header: t('aws.permission'), className: 'mono', cell: (p) => p.action },
              { key: 'granted', header: t('aws.result'), cell: (p) => <Badge tone={p.granted ? 'ok' : 'critical'}>{p.granted ? t('aws.granted') : t('aws.denied')}</Badge> },
              { key: 'detail', header: t('aws.detail'), cell: (p) => p.detail || '—' },
            ]}
          />
          {report.policy_snippet && (
            <>
              <h3>{t('aws.policySnippet')}</h3>
              <p className="hint">{t('aws.policySnippetHint', { actions: report.missing.join(', ') })}</p>
              <pre className="code" data-testid="policy-snippet" tabIndex={0}>{report.policy_snippet}</pre>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

function SbomExport({ group }: { group: Group }) {
  const { t } = useTranslation();
  const settings = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/sbom', { params: { path: { group: group.id } } })), [group.id]);
  return (
    <Card title={t('sbom.title')}>
      <Loaded query={settings}>{(s) => <SbomForm group={group} settings={s} onSaved={settings.reload} />}</Loaded>
    </Card>
  );
}

function SbomForm({ group, settings, onSaved }: { group: Group; settings: SbomSettings; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(settings);
  const [saved, setSaved] = useState(false);
  const defaultBucket = `kensa-inspector-sbom-${group.aws.account_id || '<account id>'}-${group.id}-${group.aws.region || '<region>'}`;
  const save = useAction(async () => {
    await unwrap(api.PUT('/api/v1/groups/{group}/sbom', { params: { path: { group: group.id } }, body: form }));
    setSaved(true);
    onSaved();
  });
  const download = useAction(async (format: 'json' | 'yaml') => {
    const { data, response } = await api.GET('/api/v1/groups/{group}/sbom/template', { params: { path: { group: group.id }, query: { format } }, parseAs: 'blob' });
    if (!response.ok || !data) await unwrap(api.GET('/api/v1/groups/{group}/sbom/template', { params: { path: { group: group.id }, query: { format } } }));
    saveBlob(data as Blob, `kensa-inspector-sbom.${format}`);
  });
  const set = (key: keyof SbomSettings) => (e: { target: { value: string } }) => { setSaved(false); setForm({ ...form, [key]: e.target.value }); };
  return (
    <>
      <p className="lead">{t('sbom.lead')}</p>
      <form className="edit-grid" data-testid="sbom-form" aria-label={t('sbom.title')} onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
        <TextField label={t('sbom.bucket')} value={form.bucket} onChange={set('bucket')} placeholder={defaultBucket} hint={t('sbom.bucketHint', { bucket: defaultBucket })} />
        <TextField label={t('sbom.kmsKey')} value={form.kms_key_arn} onChange={set('kms_key_arn')} placeholder="arn:aws:kms:us-east-1:123456789012:key/..." />
        <TextField label={t('sbom.keyPrefix')} value={form.key_prefix} onChange={set('key_prefix')} />
        <SelectField label={t('sbom.format')} value={form.format} onChange={set('format')} options={[{ value: 'CYCLONEDX_1_4', label: 'CycloneDX 1.4' }, { value: 'SPDX_2_3', label: 'SPDX 2.3' }]} />
        <div className="span-2">
          <CheckboxField label={t('sbom.enable')} checked={form.enabled} onChange={(e) => { setSaved(false); setForm({ ...form, enabled: e.target.checked }); }} />
          <p className="hint">{t('sbom.enableHint')}</p>
        </div>
        <div className="form-actions span-2">
          <button type="submit" className="btn btn-primary" disabled={save.busy}>{t('sbom.save')}</button>
          {saved && <Notice tone="ok">{form.enabled ? t('sbom.savedOn') : t('common.saved')}</Notice>}
        </div>
        <div className="span-2"><ErrorMessage error={save.error} /></div>
      </form>
      <h3>{t('sbom.template')}</h3>
      <p className="hint">{t('sbom.templateHint', { principal: group.aws.auth_type === 'access_key' ? 'IAMUserName' : 'IAMRoleName' })}</p>
      <div className="form-actions">
        <button type="button" className="btn" disabled={download.busy} onClick={() => void download.run('yaml')}>{t('sbom.downloadYaml')}</button>
        <button type="button" className="btn" disabled={download.busy} onClick={() => void download.run('json')}>{t('sbom.downloadJson')}</button>
      </div>
      <ErrorMessage error={download.error} />
    </>
  );
}

export function AwsSettingsPage() {
  const { t } = useTranslation();
  const group = useGroup();
  return (
    <Page title={t('aws.title')}>
      <Loaded query={group}>
        {(g) => (
          <>
            <Card title={t('aws.credentials')}>
              <CredentialsForm key={g.id} group={g} onSaved={group.reload} />
            </Card>
            <ConnectionTest group={g.id} />
            <SbomExport group={g} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
