import type pg from 'pg';

/**
 * What a lost or refused database connection looks like (PostgreSQL restarted, failed over, stopped, a
 * connection terminated by an administrator, or the pool unable to connect in time). Such a failure says
 * nothing about the request: the request fails with 503 STORE_UNAVAILABLE and may be sent again; the process
 * stays up.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/** SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is connection exceptions. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const MESSAGES = /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|is not queryable|the database system is (starting up|shutting down|in recovery)|terminating connection due to administrator command|Client was closed/i;

export function isStoreUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08\d{3}$/.test(code)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/**
 * Every client of a pool gets an 'error' listener for its whole life. pg-pool listens only while a client is
 * idle: a connection cut while a client is checked out between two queries (inside a transaction, or held by
 * a job) emitted 'error' with no listener, which Node turns into an uncaught exception and exit 1. With this
 * listener the client is marked broken, its next query fails (→ 503), and the pool drops it on release.
 */
export function guardPool(pool: pg.Pool, onError: (err: Error) => void): void {
  pool.on('error', (err) => onError(err));
  pool.on('connect', (client) => {
    client.on('error', (err) => onError(err));
  });
}
