import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../auth/SessionContext';
import { ErrorMessage } from '../components/Feedback';
import { TextField } from '../components/Form';
import { useAction } from '../hooks/useAction';
import { ApiError } from '../api/problem';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const { session, login } = useSession();
  const location = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(login);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(name, password);
  };
  const error = action.error instanceof ApiError && action.error.status === 401 ? new Error(t('login.wrong')) : action.error;

  return (
    <main className="login" id="main">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <p className="brand brand-large">kensa</p>
        <h1 id="login-title">{t('login.title')}</h1>
        <TextField label={t('login.name')} name="username" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('login.password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorMessage error={error} />
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
