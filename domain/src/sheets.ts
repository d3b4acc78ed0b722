/**
 * The spreadsheets the API reads and writes (`POST /import/<kind>`, `GET /export/<kind>`), laid out the way
 * union offices keep them: each column's Vietnamese header, and the columns an import cannot do without.
 * The API parses and writes by these headers; the web client lists them beside its import form.
 */
export const SHEET_LAYOUTS = {
  members: {
    headers: {
      fullName: 'Họ và tên',
      gender: 'Giới tính',
      birthDate: 'Ngày sinh',
      phone: 'Số điện thoại',
      nationalId: 'Số CCCD/CMND',
      cardNumber: 'Số thẻ đoàn viên',
      unitCode: 'Mã công đoàn cơ sở',
      joinedOn: 'Ngày kết nạp',
    },
    required: ['fullName', 'gender', 'unitCode', 'joinedOn'],
  },
  activities: {
    headers: {
      unitCode: 'Mã đơn vị',
      kind: 'Loại hoạt động',
      occurredOn: 'Ngày',
      quantity: 'Số lượng',
      amount: 'Số tiền (đồng)',
      programmeCode: 'Mã chương trình',
      programmePhase: 'Đợt',
      note: 'Ghi chú',
    },
    required: ['unitCode', 'kind', 'occurredOn'],
  },
  collections: {
    headers: {
      unitCode: 'Mã công đoàn cơ sở',
      month: 'Tháng',
      employerKind: 'Loại hình đơn vị',
      membersPaying: 'Số đoàn viên đóng đoàn phí',
      salaryBase: 'Tiền lương đóng BHXH của đoàn viên (đồng)',
      payroll: 'Quỹ tiền lương đóng BHXH (đồng)',
      duesCollected: 'Đoàn phí đã thu (đồng)',
      fundingPaid: 'Kinh phí công đoàn đã nộp (đồng)',
    },
    required: ['unitCode', 'month', 'membersPaying', 'salaryBase', 'payroll', 'duesCollected', 'fundingPaid'],
  },
} as const;

export type SheetKind = keyof typeof SHEET_LAYOUTS;
export const SHEET_KINDS = Object.keys(SHEET_LAYOUTS) as SheetKind[];
