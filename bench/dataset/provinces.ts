/**
 * The 34 provinces and cities after the 1 July 2025 merger, with GSO codes and slugs. A merged
 * province takes the code of the province of its seat: An Giang, seated in Rạch Giá (formerly
 * Kiên Giang), is 91, and the old An Giang's 89 is retired.
 */
export interface ProvinceSpec {
  code: string;
  slug: string;
  name: string;
  municipality: boolean;
}

export const PROVINCES: readonly ProvinceSpec[] = [
  { code: '01', slug: 'ha-noi', name: 'Thành phố Hà Nội', municipality: true },
  { code: '04', slug: 'cao-bang', name: 'Cao Bằng', municipality: false },
  { code: '08', slug: 'tuyen-quang', name: 'Tuyên Quang', municipality: false },
  { code: '11', slug: 'dien-bien', name: 'Điện Biên', municipality: false },
  { code: '12', slug: 'lai-chau', name: 'Lai Châu', municipality: false },
  { code: '14', slug: 'son-la', name: 'Sơn La', municipality: false },
  { code: '15', slug: 'lao-cai', name: 'Lào Cai', municipality: false },
  { code: '19', slug: 'thai-nguyen', name: 'Thái Nguyên', municipality: false },
  { code: '20', slug: 'lang-son', name: 'Lạng Sơn', municipality: false },
  { code: '22', slug: 'quang-ninh', name: 'Quảng Ninh', municipality: false },
  { code: '24', slug: 'bac-ninh', name: 'Bắc Ninh', municipality: false },
  { code: '25', slug: 'phu-tho', name: 'Phú Thọ', municipality: false },
  { code: '31', slug: 'hai-phong', name: 'Thành phố Hải Phòng', municipality: true },
  { code: '33', slug: 'hung-yen', name: 'Hưng Yên', municipality: false },
  { code: '37', slug: 'ninh-binh', name: 'Ninh Bình', municipality: false },
  { code: '38', slug: 'thanh-hoa', name: 'Thanh Hóa', municipality: false },
  { code: '40', slug: 'nghe-an', name: 'Nghệ An', municipality: false },
  { code: '42', slug: 'ha-tinh', name: 'Hà Tĩnh', municipality: false },
  { code: '44', slug: 'quang-tri', name: 'Quảng Trị', municipality: false },
  { code: '46', slug: 'hue', name: 'Thành phố Huế', municipality: true },
  { code: '48', slug: 'da-nang', name: 'Thành phố Đà Nẵng', municipality: true },
  { code: '51', slug: 'quang-ngai', name: 'Quảng Ngãi', municipality: false },
  { code: '52', slug: 'gia-lai', name: 'Gia Lai', municipality: false },
  { code: '56', slug: 'khanh-hoa', name: 'Khánh Hòa', municipality: false },
  { code: '66', slug: 'dak-lak', name: 'Đắk Lắk', municipality: false },
  { code: '68', slug: 'lam-dong', name: 'Lâm Đồng', municipality: false },
  { code: '75', slug: 'dong-nai', name: 'Đồng Nai', municipality: false },
  { code: '79', slug: 'ho-chi-minh', name: 'Thành phố Hồ Chí Minh', municipality: true },
  { code: '80', slug: 'tay-ninh', name: 'Tây Ninh', municipality: false },
  { code: '82', slug: 'dong-thap', name: 'Đồng Tháp', municipality: false },
  { code: '86', slug: 'vinh-long', name: 'Vĩnh Long', municipality: false },
  { code: '91', slug: 'an-giang', name: 'An Giang', municipality: false },
  { code: '92', slug: 'can-tho', name: 'Thành phố Cần Thơ', municipality: true },
  { code: '96', slug: 'ca-mau', name: 'Cà Mau', municipality: false },
].map((province) => ({ ...province, name: province.name.normalize('NFC') }));

export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
export const WOMEN_MIDDLE_NAMES = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Kim'];
export const MEN_MIDDLE_NAMES = ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Công'];
export const WOMEN_GIVEN_NAMES = ['Lan', 'Hoa', 'Hương', 'Mai', 'Hạnh', 'Thu', 'Tuyết', 'Nga', 'Hồng', 'Liên', 'Cúc', 'Đào', 'Loan', 'Nhung', 'Yến', 'Phượng', 'Sen', 'Bích'];
export const MEN_GIVEN_NAMES = ['Hùng', 'Dũng', 'Minh', 'Tuấn', 'Bình', 'Sơn', 'Hải', 'Long', 'Nam', 'Phúc', 'Thắng', 'Quang', 'Tâm', 'Lộc', 'Thành', 'Khoa'];
export const PLACE_SYLLABLES = ['Tân', 'An', 'Phú', 'Bình', 'Hòa', 'Thạnh', 'Long', 'Mỹ', 'Vĩnh', 'Phước', 'Thuận', 'Hưng', 'Lợi', 'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Sơn', 'Hà', 'Lộc', 'Thịnh', 'Xuân', 'Đức'];
export const ETHNIC_MINORITIES = ['Tày', 'Thái', 'Mường', 'Khmer', 'Hmông', 'Nùng', 'Dao', 'Ê Đê', 'Gia Rai', 'Hoa'];
