// Group settings > Audit log, newest first, paged by `before`.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema';
import { CursorPager, useCursor } from '../../components/CursorPager';
import { DataTable } from '../../components/DataTable';
import { Loaded } from '../../components/Feedback';
import { formatTime } from '../../components/format';
import { Page } from '../../components/Page';
import { useQuery } from '../../hooks/useQuery';
import { useGroupId } from '../../layout/GroupContext';

type AuditEvent = components['schemas']['AuditEvent'];

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const group = useGroupId();
  const cursor = useCursor<number>();
  const log = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/audit', { params: { path: { group }, query: { limit: 50, ...(cursor.cursor ? { before: cursor.cursor } : {}) } } })), [group, cursor.cursor]);
  return (
    <Page title={t('audit.title')}>
      <Loaded query={log}>
        {(l) => (
          <>
            <DataTable<AuditEvent>
              caption={t('audit.title')}
              rows={l.events}
              rowKey={(e) => e.id}
              columns={[
                { key: 'at', header: t('audit.at'), cell: (e) => formatTime(e.at, i18n.language) },
                { key: 'actor', header: t('audit.actor'), cell: (e) => e.actor },
                { key: 'action', header: t('audit.action'), className: 'mono', cell: (e) => e.action },
                { key: 'target', header: t('audit.target'), cell: (e) => e.target },
                { key: 'detail', header: t('audit.detail'), cell: (e) => e.detail || '—' },
              ]}
            />
            <CursorPager label={t('audit.title')} page={cursor.page} hasNext={l.next_before !== undefined} onNext={() => l.next_before !== undefined && cursor.next(l.next_before)} onFirst={cursor.first} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
