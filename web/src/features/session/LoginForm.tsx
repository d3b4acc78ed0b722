import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';

import { LOGIN_MUTATION } from './documents';

/** What the API's error codes mean to the person at the form. */
function messageOf(code: unknown, retryAfterSeconds: unknown): string {
  if (code === 'RATE_LIMITED') {
    return `Đăng nhập sai quá nhiều lần. Thử lại sau ${Math.ceil(Number(retryAfterSeconds) / 60)} phút.`;
  }
  if (code === 'UNAUTHENTICATED') {
    return 'Sai email hoặc mật khẩu.';
  }
  return 'Không đăng nhập được. Thử lại sau.';
}

/** Email and password; on success hands the token up. */
export function LoginForm({ onLogin }: { onLogin: (token: string) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, login] = useMutation<{ login: { token: string } }>(LOGIN_MUTATION);

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
    setProblem(messageOf(extensions.code, extensions.retryAfterSeconds));
  };

  return (
    <main>
      <h1>Đăng nhập</h1>
      <form onSubmit={submit} aria-describedby={problem ? 'login-problem' : undefined}>
        <p>
          <label>
            Email{' '}
            <input
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
        </p>
        <p>
          <label>
            Mật khẩu{' '}
            <input
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
        </p>
        {problem && (
          <p id="login-problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={fetching}>
          Đăng nhập
        </button>
      </form>
    </main>
  );
}
