import { Foundation1764000000000 } from './1764000000000-foundation.js';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const migrations = [Foundation1764000000000];
