import { fireEvent, render, screen } from '@testing-library/react';

import { ServerExport } from './ServerExport';

describe('an export the API refuses', () => {
  const globals = globalThis as unknown as Record<string, unknown>;

  it('says why in the reader’s words: a sheet too large for XLSX says to take CSV', async () => {
    globals.fetch = jest.fn(async () => ({
      ok: false,
      json: async () => ({
        errors: [
          {
            message: 'A spreadsheet holds at most 1048575 rows below its header.',
            extensions: {
              code: 'BAD_USER_INPUT',
              messageCode: 'EXPORT_TOO_LARGE_FOR_SHEET',
              params: { rows: 1_048_575 },
            },
          },
        ],
      }),
    }));
    render(<ServerExport kind="members" query={{ unitCode: 'VN', asOf: '2026-12-07' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tải toàn bộ (Excel)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Một trang bảng tính chứa tối đa 1.048.575 dòng dưới dòng tiêu đề: hãy xuất tệp CSV, hoặc xuất cho một đơn vị nhỏ hơn.',
    );
    expect(globals.fetch).toHaveBeenCalledWith('/export/members?unitCode=VN&asOf=2026-12-07&format=xlsx', {
      headers: { authorization: 'Bearer ' },
    });
  });

  it('says the error code’s words when the answer is not one of the API’s refusals', async () => {
    globals.fetch = jest.fn(async () => ({ ok: false, json: async () => Promise.reject(new Error('html')) }));
    render(<ServerExport kind="activities" query={{ unitCode: 'QN', year: '2025' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tải toàn bộ (CSV)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tải được dữ liệu. Thử lại sau.');
  });
});
