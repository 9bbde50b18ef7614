import type { provinceClubsVi } from './province-clubs.vi';

/** English strings of the province clubs screens. */
export const provinceClubsEn: typeof provinceClubsVi = {};
