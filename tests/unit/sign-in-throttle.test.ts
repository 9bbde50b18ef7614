import { describe, expect, it } from 'vitest';
import { SignInThrottle } from '../../server/src/auth/sign-in-throttle.js';

describe('SignInThrottle', () => {
  const limits = { perLogin: 3, perAddress: 5, windowMs: 60_000 };

  it('blocks a login after its limit for the rest of the window, then lets it try again', () => {
    let now = 0;
    const throttle = new SignInThrottle(limits, () => now);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(throttle.retryAfterSeconds('kiengiang', '10.0.0.1')).toBe(0);
      throttle.recordFailure('kiengiang', '10.0.0.1');
    }
    expect(throttle.retryAfterSeconds('kiengiang', '10.0.0.2')).toBe(60);
    now = 45_000;
    expect(throttle.retryAfterSeconds('kiengiang', '10.0.0.2')).toBe(15);
    now = 60_000;
    expect(throttle.retryAfterSeconds('kiengiang', '10.0.0.2')).toBe(0);
  });

  it('blocks an address that tries many logins', () => {
    const throttle = new SignInThrottle(limits, () => 0);
    for (const login of ['a1', 'a2', 'a3', 'a4', 'a5']) throttle.recordFailure(login, '10.0.0.9');
    expect(throttle.retryAfterSeconds('someone.else', '10.0.0.9')).toBe(60);
    expect(throttle.retryAfterSeconds('someone.else', '10.0.0.8')).toBe(0);
  });

  it('forgets a login’s failures once it signs in', () => {
    const throttle = new SignInThrottle(limits, () => 0);
    throttle.recordFailure('thainguyen', '10.0.0.1');
    throttle.recordFailure('thainguyen', '10.0.0.1');
    throttle.recordSuccess('thainguyen');
    throttle.recordFailure('thainguyen', '10.0.0.1');
    expect(throttle.retryAfterSeconds('thainguyen', '10.0.0.1')).toBe(0);
  });
});
