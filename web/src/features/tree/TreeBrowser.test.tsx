import { fireEvent, render, screen } from '@testing-library/react';
import { type Client, CombinedError, Provider } from 'urql';
import { fromValue } from 'wonka';

import type { TreeData } from './documents';
import { formatDate, problemOf, TreeBrowser } from './TreeBrowser';

const QN_CDVC_2022: TreeData = {
  orgUnit: {
    id: 'T3JnVW5pdDo2NQ',
    code: 'QN-CDVC',
    name: 'Công đoàn Viên chức tỉnh Quảng Ninh',
    validFrom: '2008-08-01',
    validTo: '2025-06-30',
    ancestors: {
      edges: [
        { node: { id: 'a', code: 'VN', name: 'Tổng Liên đoàn Lao động Việt Nam' } },
        { node: { id: 'b', code: 'QN', name: 'Liên đoàn Lao động tỉnh Quảng Ninh' } },
      ],
    },
    children: {
      totalCount: 1055,
      edges: [
        {
          node: {
            id: 'c',
            code: 'QN-CDVC-STC',
            name: 'Công đoàn cơ sở Sở Tài chính tỉnh Quảng Ninh',
            kind: 'GRASSROOTS_UNION',
          },
        },
      ],
    },
  },
};

function mockClient(data: TreeData) {
  const executeQuery = jest.fn(() => fromValue({ data }));
  return { client: { executeQuery } as unknown as Client, executeQuery };
}

describe('TreeBrowser', () => {
  it('shows the unit of the chosen date with its breadcrumb, Vietnamese dates and numbers', () => {
    const { client } = mockClient(QN_CDVC_2022);
    render(
      <Provider value={client}>
        <TreeBrowser initialCode="QN-CDVC" initialDate="2022-12-21" />
      </Provider>,
    );
    expect(screen.getByRole('navigation', { name: 'Đường dẫn' })).toHaveTextContent(
      'Tổng Liên đoàn Lao động Việt Nam › Liên đoàn Lao động tỉnh Quảng Ninh › Công đoàn Viên chức tỉnh Quảng Ninh',
    );
    expect(screen.getByText(/hoạt động từ 01\/08\/2008 đến 30\/06\/2025/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      'Đơn vị trực thuộc ngày 21/12/2022: 1.055',
    );
    expect(
      screen.getByRole('button', { name: 'Công đoàn cơ sở Sở Tài chính tỉnh Quảng Ninh' }),
    ).toBeInTheDocument();
  });

  it('asks for the tree of another unit and date', () => {
    const { client, executeQuery } = mockClient(QN_CDVC_2022);
    render(
      <Provider value={client}>
        <TreeBrowser initialCode="QN-CDVC" initialDate="2022-12-21" />
      </Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Liên đoàn Lao động tỉnh Quảng Ninh' }));
    const variables = executeQuery.mock.calls.map(
      (call) => (call as unknown as [{ variables: object }])[0].variables,
    );
    expect(variables).toContainEqual({ code: 'QN', asOf: '2022-12-21' });
    fireEvent.change(screen.getByLabelText('Ngày xem cơ cấu'), { target: { value: '2025-07-01' } });
    expect(
      executeQuery.mock.calls.map((call) => (call as unknown as [{ variables: object }])[0].variables),
    ).toContainEqual({
      code: 'QN',
      asOf: '2025-07-01',
    });
  });

  it('says in Vietnamese why the API refused', () => {
    const refusal = (code: string) =>
      problemOf(new CombinedError({ graphQLErrors: [{ message: 'refused', extensions: { code } }] }));
    expect(refusal('FORBIDDEN')).toBe('Đơn vị này nằm ngoài phạm vi bạn được xem.');
    expect(refusal('UNAUTHENTICATED')).toBe('Phiên đăng nhập đã hết: hãy đăng nhập lại.');
    expect(refusal('INTERNAL_SERVER_ERROR')).toBe('Không tải được dữ liệu.');
  });

  it('writes dates as dd/mm/yyyy', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
  });
});
