import { render, screen } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { type Client, CombinedError, Provider } from 'urql';
import { concat, fromValue, never } from 'wonka';

import type { UnitPageContext } from '../navigator/UnitPage';
import { MembersPage } from './MembersPage';

const context = {
  unit: { code: 'QN-CDVC', name: 'Công đoàn Viên chức tỉnh Quảng Ninh', kind: 'INTERMEDIATE_UNION' },
  view: { code: 'QN-CDVC', year: 2022, asOf: '2022-12-31' },
  role: 'VIEWER',
} as unknown as UnitPageContext;

const page = {
  orgUnit: {
    code: 'QN-CDVC',
    members: {
      pageInfo: { hasNextPage: true, endCursor: 'c50' },
      edges: [
        {
          node: {
            id: 'm1',
            fullName: 'Nguyễn Thị Ánh Tuyết',
            gender: 'FEMALE',
            birthDate: null,
            phone: null,
            nationalId: null,
            cardNumber: null,
            memberships: [
              { joinedOn: '2022-11-20', leftOn: null, unit: { code: 'QN-BQL', name: 'BQL KKT' } },
            ],
          },
        },
      ],
    },
  },
};

/**
 * The page of members answers; the count answers as given. Like the real client's, each source stays
 * open after its answer (urql clears an error when a source ends).
 */
function client(count: object): Client {
  return {
    executeQuery: jest.fn((operation: { query: { definitions: Array<{ name?: { value: string } }> } }) =>
      concat([
        fromValue(operation.query.definitions[0].name?.value === 'UnitMemberCount' ? count : { data: page }),
        never,
      ]),
    ),
  } as unknown as Client;
}

function renderWith(count: object) {
  render(
    <Provider value={client(count)}>
      <MemoryRouter>
        <Routes>
          <Route element={<Outlet context={context} />}>
            <Route path="*" element={<MembersPage />} />
          </Route>
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

describe('MembersPage', () => {
  it('shows the page with the count that came beside it', () => {
    renderWith({ data: { orgUnit: { code: 'QN-CDVC', members: { totalCount: 5202 } } } });
    expect(screen.getByRole('table')).toHaveTextContent('Nguyễn Thị Ánh Tuyết');
    expect(screen.getByRole('status')).toHaveTextContent('Trang 1 · 5.202 bản ghi');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the page, and why the count did not come, when counting fails', () => {
    renderWith({
      error: new CombinedError({
        graphQLErrors: [new GraphQLError('canceling statement', { extensions: { code: 'TIMEOUT' } })],
      }),
    });
    expect(screen.getByRole('table')).toHaveTextContent('Nguyễn Thị Ánh Tuyết');
    expect(screen.getByRole('alert')).toHaveTextContent('Máy chủ trả lời quá chậm. Thử lại.');
  });
});
