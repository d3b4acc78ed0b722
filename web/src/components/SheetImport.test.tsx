import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ReadableStream, TextDecoderStream } from 'node:stream/web';
import { TextEncoder } from 'node:util';

import { DataChangedContext } from '../app/dataChanged';
import { paceOf, SheetImport } from './SheetImport';

describe('the pace of an import', () => {
  it('says rows a second and the seconds left once a phase has run a second', () => {
    // 20,000 of 100,000 rows checked in 4 s: 5,000 rows a second, 16 s left.
    expect(paceOf({ phase: 'validating', done: 20_000, total: 100_000, since: 1_000, at: 5_000 })).toEqual({
      rate: 5_000,
      secondsLeft: 16,
    });
    // A rate that does not divide evenly rounds the time left up.
    expect(paceOf({ phase: 'writing', done: 3_000, total: 10_000, since: 0, at: 1_500 })).toEqual({
      rate: 2_000,
      secondsLeft: 4,
    });
  });

  it('says nothing before a second has passed, before a row is done, or once the phase is finished', () => {
    expect(paceOf({ phase: 'validating', done: 500, total: 1_000, since: 0, at: 999 })).toBeNull();
    expect(paceOf({ phase: 'validating', done: 0, total: 1_000, since: 0, at: 5_000 })).toBeNull();
    expect(paceOf({ phase: 'writing', done: 1_000, total: 1_000, since: 0, at: 5_000 })).toBeNull();
  });
});

describe('an import in the page', () => {
  // jsdom has neither fetch nor web streams: Node's own streams stand in for the browser's.
  const globals = globalThis as unknown as Record<string, unknown>;
  beforeAll(() => {
    globals.TextDecoderStream = TextDecoderStream;
  });

  it('shows the rows being written while the API writes them at once, then the result, and has the pages read again', async () => {
    let send: (line: object) => void = () => undefined;
    let end: () => void = () => undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        send = (line) => controller.enqueue(new TextEncoder().encode(`${JSON.stringify(line)}\n`));
        end = () => controller.close();
      },
    });
    globals.fetch = jest.fn(async () => ({ body }));
    const dataChanged = jest.fn();
    render(
      <DataChangedContext.Provider value={dataChanged}>
        <SheetImport kind="members" hint="Mỗi dòng một đoàn viên." />
      </DataChangedContext.Provider>,
    );
    expect(
      screen.getByText(
        'Cột bắt buộc: “Họ và tên”, “Giới tính”, “Mã công đoàn cơ sở”, “Ngày kết nạp”. Cột không bắt buộc: “Ngày sinh”, “Số điện thoại”, “Số CCCD/CMND”, “Số thẻ đoàn viên”.',
        { exact: false },
      ),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Tệp bảng tính'), {
      target: { files: [new File(['Họ và tên\n'], 'doan-vien.csv', { type: 'text/csv' })] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Nhập tệp' }));
    expect(globals.fetch).toHaveBeenCalledWith('/import/members?format=csv', expect.anything());

    send({ progress: { phase: 'validating', done: 2, total: 2 } });
    expect(await screen.findByText('Đã kiểm tra 2/2 dòng')).toBeInTheDocument();
    send({ progress: { phase: 'writing', done: 0, total: 2 } });
    expect(
      await screen.findByText('Đang ghi 2 dòng (một lần, tất cả hoặc không dòng nào), 0 giây…', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(dataChanged).not.toHaveBeenCalled();

    send({ progress: { phase: 'writing', done: 2, total: 2 } });
    send({ result: { imported: 2, skipped: 0, problems: [] } });
    end();
    expect(await screen.findByText('Đã nhập 2 dòng.')).toBeInTheDocument();
    await waitFor(() => expect(dataChanged).toHaveBeenCalledTimes(1));
    expect(screen.queryByText(/Đang ghi/)).toBeNull();
  });
});
