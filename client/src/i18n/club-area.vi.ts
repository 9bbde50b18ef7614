/** Vietnamese strings of the club area screens. */
export const clubAreaVi = {};
