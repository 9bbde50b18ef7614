/** Vietnamese strings of the province clubs screens. */
export const provinceClubsVi = {};
