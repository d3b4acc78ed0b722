import { fireEvent, render, screen } from '@testing-library/react';

import { Pager } from './Pager';

describe('Pager', () => {
  it('shows the page at once and the count once it has been counted', () => {
    const next = jest.fn();
    const pager = (total: number | undefined) => (
      <Pager page={2} total={total} hasNext onPrevious={() => undefined} onNext={next} />
    );
    const { rerender } = render(pager(undefined));
    expect(screen.getByRole('status')).toHaveTextContent('Trang 2 · đang đếm bản ghi…');
    fireEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    expect(next).toHaveBeenCalledTimes(1);
    rerender(pager(5202));
    expect(screen.getByRole('status')).toHaveTextContent('Trang 2 · 5.202 bản ghi');
  });
});
