import {
  IconBuildingCommunity,
  IconCalendarEvent,
  IconCalendarStar,
  IconCash,
  IconChartBar,
  IconClipboardCheck,
  IconClipboardList,
  IconFileImport,
  IconFileText,
  IconHeartHandshake,
  IconLayoutDashboard,
  IconMap2,
  IconReportMoney,
  IconSitemap,
  IconUsers,
  IconUsersGroup,
  IconWallet,
  type Icon,
} from '@tabler/icons-react';
import type { Area } from '../areas';

export type NavigationLabelKey =
  | 'comparison.nav.comparison'
  | 'dashboard.nav.dashboard'
  | 'nav.provinces'
  | 'nav.hierarchy'
  | 'nav.schemes'
  | 'nav.surveys'
  | 'nav.referenceFigures'
  | 'nav.users'
  | 'nav.myClub'
  | 'clubArea.nav.meeting'
  | 'clubArea.nav.members'
  | 'clubArea.nav.loans'
  | 'clubArea.nav.funds'
  | 'clubArea.nav.homeCare'
  | 'clubArea.nav.activities'
  | 'clubArea.nav.reports'
  | 'provinceClubs.nav.clubs'
  | 'provinceClubs.nav.reports'
  | 'imports.nav.imports';

export interface NavigationItem {
  key: string;
  to: string;
  labelKey: NavigationLabelKey;
  icon: Icon;
}

export const navigationByArea: Record<Area, NavigationItem[]> = {
  national: [
    { key: 'comparison', to: '/national/comparison', labelKey: 'comparison.nav.comparison', icon: IconChartBar },
    { key: 'provinces', to: '/national/provinces', labelKey: 'nav.provinces', icon: IconMap2 },
  ],
  province: [
    { key: 'dashboard', to: '/province/dashboard', labelKey: 'dashboard.nav.dashboard', icon: IconLayoutDashboard },
    { key: 'hierarchy', to: '/province/hierarchy', labelKey: 'nav.hierarchy', icon: IconSitemap },
    { key: 'schemes', to: '/province/schemes', labelKey: 'nav.schemes', icon: IconReportMoney },
    { key: 'surveys', to: '/province/surveys', labelKey: 'nav.surveys', icon: IconClipboardList },
    { key: 'clubs', to: '/province/clubs', labelKey: 'provinceClubs.nav.clubs', icon: IconUsersGroup },
    { key: 'reports', to: '/province/reports', labelKey: 'provinceClubs.nav.reports', icon: IconClipboardCheck },
    { key: 'imports', to: '/province/imports', labelKey: 'imports.nav.imports', icon: IconFileImport },
    { key: 'reference-figures', to: '/province/reference-figures', labelKey: 'nav.referenceFigures', icon: IconChartBar },
    { key: 'users', to: '/province/users', labelKey: 'nav.users', icon: IconUsers },
  ],
  club: [
    { key: 'my-club', to: '/club', labelKey: 'nav.myClub', icon: IconBuildingCommunity },
    { key: 'meeting', to: '/club/meeting', labelKey: 'clubArea.nav.meeting', icon: IconCalendarEvent },
    { key: 'members', to: '/club/members', labelKey: 'clubArea.nav.members', icon: IconUsers },
    { key: 'loans', to: '/club/loans', labelKey: 'clubArea.nav.loans', icon: IconCash },
    { key: 'funds', to: '/club/funds', labelKey: 'clubArea.nav.funds', icon: IconWallet },
    { key: 'home-care', to: '/club/home-care', labelKey: 'clubArea.nav.homeCare', icon: IconHeartHandshake },
    { key: 'activities', to: '/club/activities', labelKey: 'clubArea.nav.activities', icon: IconCalendarStar },
    { key: 'club-reports', to: '/club/reports', labelKey: 'clubArea.nav.reports', icon: IconFileText },
  ],
};

export const areaLabelKey = {
  national: 'nav.areaNational',
  province: 'nav.areaProvince',
  club: 'nav.areaClub',
} as const satisfies Record<Area, string>;
