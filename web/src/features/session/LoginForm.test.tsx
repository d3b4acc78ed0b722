import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CombinedError, type Client, Provider } from 'urql';
import { fromValue } from 'wonka';

import { LoginForm } from './LoginForm';

function clientAnswering(answer: object) {
  const executeMutation = jest.fn(() => fromValue(answer));
  return { client: { executeMutation } as unknown as Client, executeMutation };
}

function fillAndSubmit() {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'qn-cdvc@demo.example' } });
  fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'demo-password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

describe('LoginForm', () => {
  it('sends the email and password and hands the token up', async () => {
    const { client, executeMutation } = clientAnswering({ data: { login: { token: 'ey.token' } } });
    const onLogin = jest.fn();
    render(
      <Provider value={client}>
        <LoginForm onLogin={onLogin} />
      </Provider>,
    );
    fillAndSubmit();
    await waitFor(() => expect(onLogin).toHaveBeenCalledWith('ey.token'));
    expect((executeMutation.mock.calls[0] as unknown as [{ variables: object }])[0].variables).toEqual({
      email: 'qn-cdvc@demo.example',
      password: 'demo-password',
    });
  });

  it('says in Vietnamese why a login was refused', async () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Wrong email or password.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const { client } = clientAnswering({ error });
    const onLogin = jest.fn();
    render(
      <Provider value={client}>
        <LoginForm onLogin={onLogin} />
      </Provider>,
    );
    fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Sai email hoặc mật khẩu.');
    expect(onLogin).not.toHaveBeenCalled();
  });
});
