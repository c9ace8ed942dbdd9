// "Also seen by": the other servers of the group that see the same machine (R19).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HostLink } from '../api/types';

export function AlsoSeenBy({ group, links }: { group: number; links: readonly HostLink[] }) {
  const { t } = useTranslation();
  if (links.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="inline-list">
      {links.map((l) => (
        <li key={l.server_id}>
          <Link to={`/groups/${group}/servers/${l.server_id}`} title={l.reason}>
            {l.name}
          </Link>{' '}
          <span className="muted">({t(`serverKind.${l.kind}`)})</span>
        </li>
      ))}
    </ul>
  );
}
