import { fireEvent, render, screen, within } from '@testing-library/react';

import { DataTable } from './DataTable';

const rows = [
  { code: 'TH', name: 'Thanh Hóa', initiatives: 170234 },
  { code: 'QN', name: 'Quảng Ninh', initiatives: 525 },
  { code: 'HT', name: 'Hà Tĩnh', initiatives: 4126 },
];

function names() {
  return within(screen.getAllByRole('rowgroup')[1])
    .getAllByRole('row')
    .map((row) => within(row).getAllByRole('cell')[0].textContent);
}

describe('DataTable', () => {
  it('sorts on a column header, numbers largest first, and reverses on a second click', () => {
    render(
      <DataTable
        caption="Sáng kiến 2022"
        rows={rows}
        rowKey={(r) => r.code}
        fileName="x"
        columns={[
          { header: 'Đơn vị', value: (r) => r.name },
          { header: 'Sáng kiến', value: (r) => r.initiatives, numeric: true },
        ]}
      />,
    );
    expect(names()).toEqual(['Thanh Hóa', 'Quảng Ninh', 'Hà Tĩnh']);
    fireEvent.click(screen.getByRole('button', { name: 'Sáng kiến' }));
    expect(names()).toEqual(['Thanh Hóa', 'Hà Tĩnh', 'Quảng Ninh']);
    expect(screen.getByRole('columnheader', { name: 'Sáng kiến' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sáng kiến' }));
    expect(names()).toEqual(['Quảng Ninh', 'Hà Tĩnh', 'Thanh Hóa']);
    fireEvent.click(screen.getByRole('button', { name: 'Đơn vị' }));
    // Vietnamese order: "Hà" before "Quảng" before "Thanh".
    expect(names()).toEqual(['Hà Tĩnh', 'Quảng Ninh', 'Thanh Hóa']);
  });
});
