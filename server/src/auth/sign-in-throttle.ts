interface Window {
  failures: number;
  startedAt: number;
}

export interface ThrottleLimits {
  perLogin: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { perLogin: 5, perAddress: 30, windowMs: 15 * 60_000 };

/**
 * Counts failed sign-ins per login and per client address in a fixed window. Once either count
 * reaches its limit, sign-in is refused for the rest of the window, even with the right password.
 * Kept in this process's memory: one server process per deployment.
 */
export class SignInThrottle {
  private readonly byLogin = new Map<string, Window>();
  private readonly byAddress = new Map<string, Window>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS, private readonly now = () => Date.now()) {}

  /** Seconds to wait before trying again, or 0 when sign-in may be tried. */
  retryAfterSeconds(login: string, address: string): number {
    const waits = [
      this.wait(this.byLogin, login, this.limits.perLogin),
      this.wait(this.byAddress, address, this.limits.perAddress),
    ];
    return Math.max(...waits);
  }

  recordFailure(login: string, address: string): void {
    this.bump(this.byLogin, login);
    this.bump(this.byAddress, address);
  }

  recordSuccess(login: string): void {
    this.byLogin.delete(login);
  }

  private wait(windows: Map<string, Window>, key: string, limit: number): number {
    const window = this.current(windows, key);
    if (!window || window.failures < limit) return 0;
    return Math.ceil((window.startedAt + this.limits.windowMs - this.now()) / 1000);
  }

  private bump(windows: Map<string, Window>, key: string): void {
    const window = this.current(windows, key) ?? { failures: 0, startedAt: this.now() };
    window.failures += 1;
    windows.set(key, window);
    if (windows.size > 100_000) this.prune(windows);
  }

  private current(windows: Map<string, Window>, key: string): Window | undefined {
    const window = windows.get(key);
    if (window && this.now() - window.startedAt >= this.limits.windowMs) {
      windows.delete(key);
      return undefined;
    }
    return window;
  }

  private prune(windows: Map<string, Window>): void {
    for (const key of windows.keys()) this.current(windows, key);
  }
}
