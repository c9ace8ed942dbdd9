// The routes of the console. Every page but the login lives under AppLayout, and every group
// screen under /groups/:groupId.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from './auth/SessionContext';
import { Loading } from './components/Feedback';
import { AppLayout } from './layout/AppLayout';
import { GroupsProvider, useGroups } from './layout/GroupContext';
import { LoginPage } from './pages/LoginPage';
import { ServersPage } from './pages/ServersPage';
import { AddServerPage } from './pages/add-server/AddServerPage';
import { ServerDetailPage } from './pages/ServerDetailPage';
import { TasksPage } from './pages/TasksPage';
import { TaskDetailPage } from './pages/TaskDetailPage';
import { VulnerabilityPage } from './pages/VulnerabilityPage';
import { AwsSettingsPage } from './pages/settings/AwsSettingsPage';
import { GroupSettingsPage } from './pages/settings/GroupSettingsPage';
import { ScanHistoryPage } from './pages/settings/ScanHistoryPage';
import { MembersPage } from './pages/settings/MembersPage';
import { AuditPage } from './pages/settings/AuditPage';
import { UsersPage } from './pages/UsersPage';
import { TokensPage } from './pages/TokensPage';
import { ErrorMessage } from './components/Feedback';
import { useTranslation } from 'react-i18next';
import { Page } from './components/Page';

// The charts (recharts) load with the dashboard only.
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
// The software inventory screens (R18) load when first opened.
const SoftwarePage = lazy(() => import('./pages/SoftwarePage').then((m) => ({ default: m.SoftwarePage })));
const EolPage = lazy(() => import('./pages/EolPage').then((m) => ({ default: m.EolPage })));
const LicensesPage = lazy(() => import('./pages/LicensesPage').then((m) => ({ default: m.LicensesPage })));
const SupplyChainPage = lazy(() => import('./pages/SupplyChainPage').then((m) => ({ default: m.SupplyChainPage })));

const later = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

function RequireSession({ children }: { children: ReactNode }) {
  const { session, checking } = useSession();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function Home() {
  const { t } = useTranslation();
  const groups = useGroups();
  if (groups.error) return <ErrorMessage error={groups.error} />;
  if (!groups.data) return <Loading />;
  if (groups.data.length === 0) {
    return (
      <Page title={t('home.title')}>
        <p>{t('home.noGroups')}</p>
      </Page>
    );
  }
  return <Navigate to={`/groups/${groups.data[0].id}/dashboard`} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('common.notFound')}>
      <p>{t('common.notFoundText')}</p>
    </Page>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireSession>
              <GroupsProvider>
                <AppLayout />
              </GroupsProvider>
            </RequireSession>
          }
        >
          <Route index element={<Home />} />
          <Route path="tokens" element={<TokensPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="groups/:groupId">
            <Route index element={<Navigate to="dashboard" replace />} />
            <Route path="dashboard" element={<Suspense fallback={<Loading />}><DashboardPage /></Suspense>} />
            <Route path="servers" element={<ServersPage />} />
            <Route path="servers/new" element={<AddServerPage />} />
            <Route path="servers/:serverId" element={<ServerDetailPage />} />
            <Route path="tasks" element={<TasksPage />} />
            <Route path="tasks/:taskId" element={<TaskDetailPage />} />
            <Route path="vulnerabilities/:vulnId" element={<VulnerabilityPage />} />
            <Route path="software" element={later(<SoftwarePage />)} />
            <Route path="eol" element={later(<EolPage />)} />
            <Route path="licenses" element={later(<LicensesPage />)} />
            <Route path="supply-chain" element={later(<SupplyChainPage />)} />
            <Route path="settings/aws" element={<AwsSettingsPage />} />
            <Route path="settings/group" element={<GroupSettingsPage />} />
            <Route path="settings/scan-history" element={<ScanHistoryPage />} />
            <Route path="settings/members" element={<MembersPage />} />
            <Route path="settings/audit" element={<AuditPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
