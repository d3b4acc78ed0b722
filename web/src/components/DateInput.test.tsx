import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';

import { DateInput, isoOf } from './DateInput';

describe('dates as offices write them', () => {
  it('reads dd/mm/yyyy (and YYYY-MM-DD) as a day of the calendar, and nothing else', () => {
    expect(isoOf('15/12/2022')).toBe('2022-12-15');
    expect(isoOf(' 1/2/2023 ')).toBe('2023-02-01');
    expect(isoOf('2022-12-15')).toBe('2022-12-15');
    expect(isoOf('31/02/2023')).toBeNull();
    expect(isoOf('12/31/2022')).toBeNull();
    expect(isoOf('15-12-2022')).toBeNull();
    expect(isoOf('')).toBeNull();
  });

  /** A form holding the date, as the app's forms do; every value handed up is kept in `seen`. */
  function renderForm(seen: string[]) {
    function Form() {
      const [value, setValue] = useState('2022-12-15');
      return (
        <DateInput
          aria-label="Ngày"
          value={value}
          onChange={(next) => {
            seen.push(next);
            setValue(next);
          }}
        />
      );
    }
    render(<Form />);
    return screen.getByLabelText('Ngày') as HTMLInputElement;
  }

  it('shows a day as dd/mm/yyyy and hands up YYYY-MM-DD, or the text as typed when it is no day', () => {
    const seen: string[] = [];
    const input = renderForm(seen);
    expect(input.value).toBe('15/12/2022');
    fireEvent.change(input, { target: { value: '1/2/2023' } });
    fireEvent.change(input, { target: { value: '31/02/2023' } });
    expect(seen).toEqual(['2023-02-01', '31/02/2023']);
    // What is being typed stays as typed.
    expect(input.value).toBe('31/02/2023');
  });

  it('picks a day on the calendar', () => {
    const seen: string[] = [];
    const input = renderForm(seen);
    fireEvent.click(screen.getByRole('button', { name: 'Mở lịch' }));
    fireEvent.click(screen.getByRole('button', { name: /ngày 20 tháng 12 năm 2022/ }));
    expect(seen).toEqual(['2022-12-20']);
    expect(input.value).toBe('20/12/2022');
  });
});
