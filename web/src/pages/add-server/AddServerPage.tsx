// Servers > Add server: the flows (EC2 instance, pseudo server, Lambda functions, ECR image, and
// a server for SBOM files).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Page } from '../../components/Page';
import { Tabs } from '../../components/Tabs';
import { useGroupId } from '../../layout/GroupContext';
import { Ec2Picker } from './Ec2Picker';
import { EcrImageForm } from './EcrImageForm';
import { LambdaBulkAdd } from './LambdaBulkAdd';
import { PseudoServerForm } from './PseudoServerForm';
import { SbomServerForm } from './SbomServerForm';

export function AddServerPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const [params, setParams] = useSearchParams();
  const [tab, setTab] = useState(params.get('flow') ?? 'ec2');
  const change = (id: string) => {
    setTab(id);
    setParams({ flow: id }, { replace: true });
  };
  return (
    <Page title={t('addServer.title')}>
      <Tabs
        label={t('addServer.title')}
        active={tab}
        onChange={change}
        tabs={[
          { id: 'ec2', label: t('addServer.ec2'), content: <Ec2Picker group={group} /> },
          { id: 'pseudo', label: t('addServer.pseudo'), content: <PseudoServerForm group={group} /> },
          { id: 'lambda', label: t('addServer.lambda'), content: <LambdaBulkAdd group={group} /> },
          { id: 'ecr', label: t('addServer.ecr'), content: <EcrImageForm group={group} /> },
          { id: 'sbom', label: t('addServer.sbom'), content: <SbomServerForm group={group} /> },
        ]}
      />
    </Page>
  );
}
