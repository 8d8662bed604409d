// In-memory limit on failed sign-ins, per client address and per email: enough to stop password
// guessing against one account (email) and spraying many accounts from one place (address). In memory
// because one process serves a data folder; a restart forgets, which only helps an attacker by one
// window. Fixed windows: simple to reason about, and Retry-After says exactly when the next try counts.
export interface LoginLimits {
  /** Failed attempts allowed per email within the window. */
  readonly perEmail: number;
  /** Failed attempts allowed per client address within the window. */
  readonly perAddress: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = Object.freeze({ perEmail: 5, perAddress: 20, windowMs: 15 * 60 * 1000 });

interface Window { failures: number; resetAt: number }

export class LoginLimiter {
  readonly limits: LoginLimits;
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: () => number = Date.now) {
    this.limits = Object.freeze({ ...limits });
    this.#now = now;
  }

  #window(key: string): Window | undefined {
    const w = this.#windows.get(key);
    if (w && w.resetAt <= this.#now()) {
      this.#windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** Seconds to wait before another attempt for this address/email counts, or 0 when allowed now. */
  retryAfter(address: string, email: string): number {
    let until = 0;
    const a = this.#window(`a:${address}`);
    if (a && a.failures >= this.limits.perAddress) until = Math.max(until, a.resetAt);
    const e = this.#window(`e:${email}`);
    if (e && e.failures >= this.limits.perEmail) until = Math.max(until, e.resetAt);
    return until === 0 ? 0 : Math.max(1, Math.ceil((until - this.#now()) / 1000));
  }

  fail(address: string, email: string): void {
    for (const key of [`a:${address}`, `e:${email}`]) {
      const w = this.#window(key) ?? { failures: 0, resetAt: this.#now() + this.limits.windowMs };
      w.failures++;
      this.#windows.set(key, w);
    }
    // Keep the map bounded under a spray of made-up emails: drop expired windows once it grows.
    if (this.#windows.size > 10_000) for (const key of [...this.#windows.keys()]) this.#window(key);
  }

  /** A successful sign-in clears the email's failures (not the address's: one good account must not unlock guessing others). */
  succeed(email: string): void {
    this.#windows.delete(`e:${email}`);
  }
}
