import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';

import { UnitSwitcher } from './UnitSwitcher';
import { mayRecord, maySeeMembers, roleAt, type Viewer, ViewerContext } from './viewer';

const viewer: Viewer = {
  kind: 'ACCOUNT',
  mustChangePassword: false,
  account: { email: 'officer@example.vn', displayName: 'Cán bộ' },
  roles: [
    {
      role: 'OFFICER',
      unit: { code: 'QN', name: 'Liên đoàn Lao động tỉnh Quảng Ninh', kind: 'PROVINCIAL_FEDERATION' },
    },
    {
      role: 'ANALYST',
      unit: { code: 'VN', name: 'Tổng Liên đoàn Lao động Việt Nam', kind: 'NATIONAL_FEDERATION' },
    },
  ],
};

function Where() {
  return <output>{useLocation().pathname}</output>;
}

describe('UnitSwitcher', () => {
  it('lists the units of the roles, shows the one on screen, and opens another', () => {
    render(
      <ViewerContext.Provider value={viewer}>
        <MemoryRouter initialEntries={['/unit/QN/members']}>
          <Routes>
            <Route
              path="*"
              element={
                <>
                  <UnitSwitcher />
                  <Where />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </ViewerContext.Provider>,
    );
    const select = screen.getByLabelText('Đơn vị làm việc');
    expect(select).toHaveValue('QN');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Liên đoàn Lao động tỉnh Quảng Ninh',
      'Tổng Liên đoàn Lao động Việt Nam',
    ]);
    fireEvent.change(select, { target: { value: 'VN' } });
    expect(screen.getByRole('status')).toHaveTextContent('/unit/VN');
  });
});

describe('the role at a unit', () => {
  it('is the strongest role held at the unit or above it, and decides what the page offers', () => {
    expect(roleAt(viewer, ['QN-CDVC', 'QN', 'VN'])).toBe('OFFICER');
    expect(roleAt(viewer, ['TH', 'VN'])).toBe('ANALYST');
    expect(roleAt(viewer, ['TH'])).toBeNull();
    expect([mayRecord('OFFICER'), maySeeMembers('OFFICER')]).toEqual([true, true]);
    expect([mayRecord('ANALYST'), maySeeMembers('ANALYST')]).toEqual([false, false]);
    expect([mayRecord('VIEWER'), maySeeMembers('VIEWER')]).toEqual([false, true]);
  });
});
