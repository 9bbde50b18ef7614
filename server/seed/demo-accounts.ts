import { Role } from '../src/users/role.js';

export const DEMO_PASSWORD = 'ishc-demo';

export interface DemoAccount {
  login: string;
  displayName: string;
  role: Role;
  /** GSO code of the province, for province and club accounts. */
  provinceCode?: string;
  /** Name of the club, for club staff. */
  club?: string;
  description: string;
}

export const KIEN_LUONG_CLUB = 'CLB Liên thế hệ tự giúp nhau Hội Người cao tuổi thị trấn Kiên Lương';
export const TUC_DUYEN_CLUB = 'CLB Liên thế hệ tự giúp nhau phường Túc Duyên';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    login: 'national',
    displayName: 'Văn phòng quốc gia',
    role: Role.NATIONAL_ADMIN,
    description: 'national office, administrator',
  },
  {
    login: 'national.viewer',
    displayName: 'Cán bộ theo dõi quốc gia',
    role: Role.NATIONAL_VIEWER,
    description: 'national office, read only',
  },
  {
    login: 'kiengiang',
    displayName: 'Sở LĐ-TB&XH tỉnh Kiên Giang',
    role: Role.PROVINCE_ADMIN,
    provinceCode: '91',
    description: 'province admin, Kiên Giang',
  },
  {
    login: 'thainguyen',
    displayName: 'Sở LĐ-TB&XH tỉnh Thái Nguyên',
    role: Role.PROVINCE_ADMIN,
    provinceCode: '19',
    description: 'province admin, Thái Nguyên',
  },
  {
    login: 'kienluong.club',
    displayName: 'Ban chủ nhiệm CLB thị trấn Kiên Lương',
    role: Role.CLUB_STAFF,
    provinceCode: '91',
    club: KIEN_LUONG_CLUB,
    description: 'club staff, Kiên Lương town club',
  },
  {
    login: 'tucduyen.club',
    displayName: 'Ban chủ nhiệm CLB phường Túc Duyên',
    role: Role.CLUB_STAFF,
    provinceCode: '19',
    club: TUC_DUYEN_CLUB,
    description: 'club staff, Túc Duyên ward club',
  },
];
