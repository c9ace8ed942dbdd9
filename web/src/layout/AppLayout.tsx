// The frame around every signed-in page: header with the group selector, the language switch
// and logout; the navigation of the current group.
import { NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/SessionContext';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useGroups } from './GroupContext';

function GroupSelector() {
  const { t } = useTranslation();
  const groups = useGroups().data ?? [];
  const { groupId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  if (groups.length < 2 || !groupId) return null;
  const change = (next: string) => {
    // Stay on the same screen of the other group (not on a record of the old one).
    const section = location.pathname.split('/')[3] ?? 'dashboard';
    const settings = section === 'settings' ? `settings/${location.pathname.split('/')[4] ?? 'aws'}` : section;
    navigate(`/groups/${next}/${settings}`);
  };
  return (
    <div className="header-field">
      <label htmlFor="group-selector">{t('header.group')}</label>
      <select id="group-selector" value={groupId} onChange={(e) => change(e.target.value)}>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function GroupNav({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const base = `/groups/${groupId}`;
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul>
        <li><NavLink to={`${base}/dashboard`}>{t('nav.dashboard')}</NavLink></li>
        <li><NavLink to={`${base}/servers`} end={false}>{t('nav.servers')}</NavLink></li>
        <li><NavLink to={`${base}/tasks`}>{t('nav.tasks')}</NavLink></li>
        <li><NavLink to={`${base}/software`}>{t('nav.software')}</NavLink></li>
        <li><NavLink to={`${base}/eol`}>{t('nav.eol')}</NavLink></li>
        <li><NavLink to={`${base}/licenses`}>{t('nav.licenses')}</NavLink></li>
        <li><NavLink to={`${base}/supply-chain`}>{t('nav.supplyChain')}</NavLink></li>
      </ul>
      <p className="nav-section" id="nav-settings">{t('nav.groupSettings')}</p>
      <ul aria-labelledby="nav-settings">
        <li><NavLink to={`${base}/settings/aws`}>{t('nav.aws')}</NavLink></li>
        <li><NavLink to={`${base}/settings/group`}>{t('nav.group')}</NavLink></li>
        <li><NavLink to={`${base}/settings/scan-history`}>{t('nav.scanHistory')}</NavLink></li>
        <li><NavLink to={`${base}/settings/members`}>{t('nav.members')}</NavLink></li>
        <li><NavLink to={`${base}/settings/audit`}>{t('nav.audit')}</NavLink></li>
      </ul>
    </nav>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  const { groupId } = useParams();
  const navigate = useNavigate();
  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('header.skip')}</a>
      <header className="app-header">
        <NavLink to="/" className="brand">kensa</NavLink>
        <GroupSelector />
        <div className="header-spacer" />
        <nav className="header-nav" aria-label={t('nav.account')}>
          <NavLink to="/tokens">{t('nav.tokens')}</NavLink>
          {session?.user.is_admin && <NavLink to="/users">{t('nav.users')}</NavLink>}
        </nav>
        <LanguageSwitch />
        <span className="user-name">{session?.user.name}</span>
        <button type="button" className="btn btn-ghost" onClick={() => logout().then(() => navigate('/login'))}>
          {t('header.logout')}
        </button>
      </header>
      <div className="app-body">
        {groupId && <GroupNav groupId={groupId} />}
        <main id="main" className="app-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
