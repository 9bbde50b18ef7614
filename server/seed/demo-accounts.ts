import { Role } from '../src/users/role.js';

export const DEMO_PASSWORD = 'ishc-demo';

/** The demo workspaces, by a key of the seed's own: a code alone is ambiguous (the new An Giang took Kiên Giang's 91). */
export type DemoProvinceKey = 'kien-giang' | 'old-an-giang' | 'bac-kan' | 'thai-nguyen' | 'an-giang';

export interface DemoAccount {
  login: string;
  displayName: string;
  role: Role;
  /**
   * The workspace the account is made in, for province and club accounts. An account of a province
   * merged away is made there before the merge and moves with it (kiengiang, kienluong.club).
   */
  province?: DemoProvinceKey;
  /** Name of the club, for club staff. */
  club?: string;
  /** As the start-up banner prints it: where the account works in the 2026 map. */
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
    province: 'kien-giang',
    description: 'province admin, An Giang (came with Kiên Giang, merged into An Giang on 01/07/2025)',
  },
  {
    login: 'angiang',
    displayName: 'Sở Y tế tỉnh An Giang',
    role: Role.PROVINCE_ADMIN,
    province: 'an-giang',
    description: 'province admin, An Giang',
  },
  {
    login: 'thainguyen',
    displayName: 'Sở LĐ-TB&XH tỉnh Thái Nguyên',
    role: Role.PROVINCE_ADMIN,
    province: 'thai-nguyen',
    description: 'province admin, Thái Nguyên (Bắc Kạn merged into it on 01/07/2025)',
  },
  {
    login: 'kienluong.club',
    displayName: 'Ban chủ nhiệm CLB thị trấn Kiên Lương',
    role: Role.CLUB_STAFF,
    province: 'kien-giang',
    club: KIEN_LUONG_CLUB,
    description: 'club staff, Kiên Lương town club (An Giang, formerly Kiên Giang)',
  },
  {
    login: 'tucduyen.club',
    displayName: 'Ban chủ nhiệm CLB phường Túc Duyên',
    role: Role.CLUB_STAFF,
    province: 'thai-nguyen',
    club: TUC_DUYEN_CLUB,
    description: 'club staff, Túc Duyên ward club, Thái Nguyên',
  },
];
