import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';

import { useLocale } from '../../app/i18n';
import { LoginDocument } from '../../graphql/graphql';

/** Email and password; on success hands the token up. */
export function LoginForm({ onLogin }: { onLogin: (token: string) => void }) {
  const { t } = useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, login] = useMutation(LoginDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const result = await login({ email, password });
    const token = result.data?.login.token;
    if (token) {
      onLogin(token);
      return;
    }
    const extensions = result.error?.graphQLErrors[0]?.extensions ?? {};
    if (extensions.code === 'RATE_LIMITED') {
      setProblem(t('login.throttled', { minutes: Math.ceil(Number(extensions.retryAfterSeconds) / 60) }));
    } else {
      setProblem(t(extensions.code === 'UNAUTHENTICATED' ? 'login.wrong' : 'login.failed'));
    }
  };

  return (
    <main id="main" className="login">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} aria-describedby={problem ? 'login-problem' : undefined}>
        <label>
          {t('login.email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {problem && (
          <p id="login-problem" role="alert" className="problem">
            {problem}
          </p>
        )}
        <button type="submit" disabled={fetching}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
