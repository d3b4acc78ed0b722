import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { type Client, CombinedError, Provider } from 'urql';
import { fromValue } from 'wonka';

import { ActivityForm } from './ActivityForm';

function clientAnswering(answer: object) {
  const executeMutation = jest.fn(() => fromValue(answer));
  return { client: { executeMutation } as unknown as Client, executeMutation };
}

describe('ActivityForm', () => {
  it('sends the activity of the unit with Vietnamese thousands dropped, and closes when saved', async () => {
    const { client, executeMutation } = clientAnswering({
      data: {
        recordActivity: {
          id: 'a1',
          kind: 'SUPPORT',
          occurredOn: '2022-12-20',
          quantity: 3,
          amount: '1500000',
        },
      },
    });
    const onDone = jest.fn();
    render(
      <Provider value={client}>
        <ActivityForm unitCode="QN-CDVC" onDone={onDone} />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText(/^Ngày/), { target: { value: '2022-12-20' } });
    fireEvent.change(screen.getByLabelText(/^Số lượng/), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText(/^Số tiền/), { target: { value: '1.500.000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true));
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: object }];
    expect(operation.variables).toEqual({
      input: {
        unitCode: 'QN-CDVC',
        kind: 'SUPPORT',
        occurredOn: '2022-12-20',
        quantity: 3,
        amount: '1500000',
        note: null,
      },
    });
  });

  it('shows the API’s refusal beside the field it names, tied to the control', async () => {
    const { client } = clientAnswering({
      error: new CombinedError({
        graphQLErrors: [
          new GraphQLError('2099-01-01 is in the future: record an activity once it has happened.', {
            extensions: { code: 'BAD_USER_INPUT', field: 'occurredOn' },
          }),
        ],
      }),
    });
    const onDone = jest.fn();
    render(
      <Provider value={client}>
        <ActivityForm unitCode="QN-CDVC" onDone={onDone} />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText(/^Ngày/), { target: { value: '2099-01-01' } });
    fireEvent.change(screen.getByLabelText(/^Số lượng/), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('2099-01-01 is in the future');
    const date = screen.getByLabelText(/^Ngày/);
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAttribute('aria-describedby', alert.id);
    expect(screen.getByLabelText(/^Số lượng/)).toHaveAttribute('aria-invalid', 'false');
    expect(onDone).not.toHaveBeenCalled();
  });
});
