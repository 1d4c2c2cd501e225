import { teamsToken } from '../teams/teams-host';
import type { AuthSource } from './http';

const DEV_USER_KEY = 'radslag.devUser';

/** Seconds until the JWT's exp (without verifying: the server verifies; this only decides when to renew). */
function secondsLeft(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return (payload.exp ?? 0) - Date.now() / 1000;
  } catch {
    return 0;
  }
}

/** Teams SSO: a token from the host for every call, reused until shortly before it expires. */
export function teamsAuth(): AuthSource {
  let cached: string | null = null;
  let pending: Promise<string> | null = null;
  return {
    kind: 'teams',
    async headers() {
      if (!cached || secondsLeft(cached) < 120) {
        pending ??= teamsToken().finally(() => (pending = null));
        cached = await pending;
      }
      return { Authorization: `Bearer ${cached}` };
    },
  };
}

/** Local mode only: the identity chosen in the clearly marked picker, sent as X-Radslag-Dev-User. */
export function devAuth(email: string): AuthSource {
  return { kind: 'dev', label: email, headers: async () => ({ 'X-Radslag-Dev-User': email }) };
}

export function rememberedDevUser(): string | null {
  try {
    return new URLSearchParams(window.location.search).get('as') ?? window.localStorage.getItem(DEV_USER_KEY);
  } catch {
    return null;
  }
}

export function rememberDevUser(email: string): void {
  try {
    window.localStorage.setItem(DEV_USER_KEY, email);
  } catch {
    /* storage may be blocked in a frame; the choice then lasts for this page only */
  }
}
