import type { DataSource, EntityManager } from 'typeorm';

export interface ThrottleLimits {
  /** Attempts of one login from one address: the person at a keyboard mistyping, or a guesser there. */
  perLoginAndAddress: number;
  /** Attempts from one address over all logins. */
  perAddress: number;
  /** Attempts at one login from all addresses; high, so a guesser elsewhere cannot lock its owner out. */
  perLogin: number;
  windowMs: number;
  /** A login refused in one window waits twice as long in the next, up to this. */
  maxLoginWindowMs: number;
}

/**
 * The address a sign-in is counted under. An IPv6 household or phone is given a whole /64 and can
 * pick any address in it, so IPv6 is counted by its /64; IPv4 (also written IPv4-mapped) as it is.
 */
export function throttledAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array.from({ length: Math.max(missing, 0) }, () => '0'), ...tailGroups];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  perLoginAndAddress: 5,
  perAddress: 30,
  perLogin: 50,
  windowMs: 15 * 60_000,
  maxLoginWindowMs: 24 * 60 * 60_000,
};

/**
 * Counts sign-in attempts in PostgreSQL (migrations/1764510000000-sign-in-trust.ts), so every server
 * process agrees. An attempt takes its place before its password is checked; a successful one gives
 * its place back, so only failures keep counting.
 */
export class SignInThrottle {
  constructor(
    // The pool itself, not a request's transaction: a refused sign-in rolls its transaction back,
    // and the place it took must stay taken.
    private readonly dataSource: DataSource,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  ) {}

  /** Takes a place for one attempt: 0 when it may go ahead, else the seconds to wait. */
  async takeAttempt(login: string, address: string): Promise<number> {
    const { perLoginAndAddress, perAddress, perLogin, windowMs, maxLoginWindowMs } = this.limits;
    const rows: Array<{ wait: number }> = await this.dataSource.query(
      'select ishc.take_sign_in_attempt($1, $2, $3, $4, $5, $6, $7) as wait',
      [login, address, perLoginAndAddress, perAddress, perLogin, Math.ceil(windowMs / 1000), Math.ceil(maxLoginWindowMs / 1000)],
    );
    return rows[0].wait;
  }

  /**
   * Recorded in the request's transaction, on the connection it already holds: if the sign-in fails
   * after all, the attempt still counts. (Its rows stay locked until the request ends, so a request
   * signs in once: a second sign-in in it would wait for its own locks.)
   */
  async recordSuccess(db: EntityManager, login: string, address: string): Promise<void> {
    await db.query('select ishc.sign_in_succeeded($1, $2)', [login, address]);
  }
}
