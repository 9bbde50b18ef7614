import type { clubAreaVi } from './club-area.vi';

/** English strings of the club area screens. */
export const clubAreaEn: typeof clubAreaVi = {};
