/**
 * Agencies and public-service units of a province, the employers behind the grassroots unions of a
 * provincial public-servant union. `stateFunded` marks those paid fully by the state budget: their
 * unions were dissolved in 2025 (VGCL dispatch 4173/TLĐ-ToC); the others moved intact under the province
 * federation. Which agency falls on which side is an assumption of the seeded data.
 */
export interface Agency {
  name: string;
  stateFunded: boolean;
}

const agency = (name: string, stateFunded: boolean): Agency => ({ name, stateFunded });

export const PROVINCIAL_AGENCIES: Agency[] = [
  agency('Sở Khoa học và Công nghệ', true),
  agency('Sở Tài chính', true),
  agency('Sở Nội vụ', true),
  agency('Sở Tư pháp', true),
  agency('Sở Kế hoạch và Đầu tư', true),
  agency('Sở Công Thương', true),
  agency('Sở Nông nghiệp và Phát triển nông thôn', true),
  agency('Sở Giao thông vận tải', true),
  agency('Sở Xây dựng', true),
  agency('Sở Tài nguyên và Môi trường', true),
  agency('Sở Thông tin và Truyền thông', true),
  agency('Sở Lao động - Thương binh và Xã hội', true),
  agency('Sở Văn hóa, Thể thao và Du lịch', true),
  agency('Sở Giáo dục và Đào tạo', true),
  agency('Sở Y tế', true),
  agency('Sở Ngoại vụ', true),
  agency('Thanh tra tỉnh', true),
  agency('Văn phòng Ủy ban nhân dân tỉnh', true),
  agency('Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh', true),
  agency('Ban Dân tộc tỉnh', true),
  agency('Văn phòng Tỉnh ủy', true),
  agency('Ban Tổ chức Tỉnh ủy', true),
  agency('Ban Tuyên giáo Tỉnh ủy', true),
  agency('Ủy ban Kiểm tra Tỉnh ủy', true),
  agency('Ban Dân vận Tỉnh ủy', true),
  agency('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', true),
  agency('Tỉnh đoàn', true),
  agency('Hội Liên hiệp Phụ nữ tỉnh', true),
  agency('Hội Nông dân tỉnh', true),
  agency('Hội Cựu chiến binh tỉnh', true),
  agency('Liên minh Hợp tác xã tỉnh', true),
  agency('Trường Chính trị tỉnh', true),
  agency('Thư viện tỉnh', true),
  agency('Bảo tàng tỉnh', true),
  agency('Trường Trung học phổ thông Chuyên', true),
  agency('Trường Trung học phổ thông Dân tộc nội trú tỉnh', true),
  agency('Trung tâm Khuyến nông tỉnh', true),
  agency('Chi cục Kiểm lâm', true),
  agency('Trung tâm Bảo trợ xã hội tỉnh', true),
  agency('Bệnh viện Đa khoa tỉnh', false),
  agency('Bệnh viện Sản - Nhi tỉnh', false),
  agency('Bệnh viện Lao và Bệnh phổi', false),
  agency('Bệnh viện Y dược cổ truyền', false),
  agency('Bệnh viện Mắt', false),
  agency('Bệnh viện Phục hồi chức năng', false),
  agency('Bệnh viện Tâm thần', false),
  agency('Trung tâm Kiểm soát bệnh tật tỉnh', false),
  agency('Trường Đại học', false),
  agency('Trường Cao đẳng Y tế', false),
  agency('Trường Cao đẳng Sư phạm', false),
  agency('Trường Cao đẳng Kỹ thuật Công nghiệp', false),
  agency('Đài Phát thanh và Truyền hình tỉnh', false),
  agency('Báo tỉnh', false),
  agency('Ban Quản lý Khu kinh tế', false),
  agency('Trung tâm Phục vụ hành chính công tỉnh', false),
  agency('Quỹ Đầu tư phát triển tỉnh', false),
  agency('Trung tâm Dịch vụ việc làm', false),
  agency('Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp', false),
  agency('Trung tâm Xúc tiến đầu tư, thương mại và du lịch', false),
  agency('Trung tâm Quan trắc tài nguyên và môi trường', false),
  agency('Trung tâm Đăng kiểm xe cơ giới', false),
  agency('Vườn quốc gia', false),
];

const SKIPPED_WORDS = new Set(['va', 'tinh', '-', ',']);

/** Initials of an agency's name without diacritics: "Sở Khoa học và Công nghệ" gives "SKHCN". */
export function initials(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !SKIPPED_WORDS.has(word.toLowerCase()))
    .map((word) => word[0].toUpperCase())
    .join('');
}
