// Group settings > Scan history, with a filter on scan type (R14, R20).
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { SCAN_TYPES } from '../../api/types';
import { Loaded } from '../../components/Feedback';
import { SelectField } from '../../components/Form';
import { Page } from '../../components/Page';
import { ScanRunTable } from '../../components/ScanRunTable';
import { useQuery } from '../../hooks/useQuery';
import { loadScanRuns } from '../../hooks/useScanRuns';
import { useGroupId } from '../../layout/GroupContext';

export function ScanHistoryPage() {
  const { t } = useTranslation();
  const group = useGroupId();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const query = useQuery(async () => {
    const [runs, servers] = await Promise.all([loadScanRuns(group), unwrap(api.GET('/api/v1/groups/{group}/servers', { params: { path: { group } } }))]);
    return { runs, names: new Map(servers.servers.map((s) => [s.id, s.name])) };
  }, [group]);
  return (
    <Page title={t('scanHistory.title')} actions={<button type="button" className="btn" onClick={query.reload}>{t('common.refresh')}</button>}>
      <div className="toolbar">
        <SelectField
          label={t('scanHistory.type')}
          data-testid="scan-type-filter"
          value={type}
          onChange={(e) => setParams(e.target.value ? { type: e.target.value } : {})}
          options={[{ value: '', label: t('common.all') }, ...SCAN_TYPES.map((s) => ({ value: s, label: t(`scanType.${s}`) }))]}
        />
      </div>
      <Loaded query={query}>{({ runs, names }) => <ScanRunTable group={group} runs={type ? runs.filter((r) => r.type === type) : runs} serverNames={names} />}</Loaded>
    </Page>
  );
}
