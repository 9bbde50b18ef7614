import { clubAreaVi } from './club-area.vi';
import { comparisonVi } from './comparison.vi';
import { dashboardVi } from './dashboard.vi';
import { importsVi } from './imports.vi';
import { offlineVi } from './offline.vi';
import { printVi } from './print.vi';
import { provinceClubsVi } from './province-clubs.vi';
import { provincesVi } from './provinces.vi';

/** The Vietnamese messages of the areas' pages: fetched with the signed-in shell, never by the sign-in page. */
export const areasVi = {
  clubArea: clubAreaVi,
  provinceClubs: provinceClubsVi,
  dashboard: dashboardVi,
  comparison: comparisonVi,
  provinces: provincesVi,
  imports: importsVi,
  print: printVi,
  offline: offlineVi,
};
