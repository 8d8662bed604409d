// What every route module gets: the stores of the served data folder and the server's settings.
// Route modules are plain functions `(app, deps) => void`, so tests build the same app in-process.
import type { Context } from 'hono';
import type { PublicUser } from '../domain/users/user-repository.ts';
import type { OperationalStore } from '../store/open-operational-store.ts';
import type { AnalyticsPool } from './analytics/analytics-pool.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';
import type { ImportRunner } from './imports/import-runner.ts';

export interface ApiEnv {
  Variables: {
    /** The signed-in user (absent only on the open routes). */
    user: PublicUser;
    /** How the request was authenticated. */
    via: 'session' | 'token';
  };
}

export interface ApiDeps {
  readonly dataDir: string;
  readonly store: OperationalStore;
  readonly analytics: AnalyticsPool;
  readonly imports: ImportRunner;
  /** ≥ 32 characters; keys the session HMACs and CSRF tokens. */
  readonly secret: string;
  /** Mark the session cookie Secure (off for --dev and loopback, where browsers would drop it over http). */
  readonly secureCookies: boolean;
  readonly limiter: LoginLimiter;
  /** The client's address for rate limiting (the socket's; tests inject their own). */
  clientAddress(c: Context): string;
  /** Folder of the built dashboard (web/dist); absent or missing → a page saying how to build it. */
  readonly webDir?: string;
  log(line: string): void;
}

export const SESSION_COOKIE = 'cvm_session';
export const CSRF_HEADER = 'x-csrf-token';
