import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * PGlite allows one process per data directory; two would corrupt it. The lock file is created exclusively
 * and holds the owner's pid and host, so a lock left by a crashed process (pid gone) is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Rådslag process (pid ${ownerPid}). ` +
        `Stop that process, or set RADSLAG_DATA_DIR to another directory, or set DATABASE_URL to share a PostgreSQL database between processes. ` +
        `/ Datakatalogen används av en annan Rådslag-process (pid ${ownerPid}).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  path: string;
  recoveredStale: boolean;
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process stays visible as a zombie until its parent reaps it; it holds nothing any more.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'radslag.lock');
  let recoveredStale = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      return {
        path,
        recoveredStale,
        release() {
          if (released) return;
          released = true;
          try {
            const current = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
            if (current.pid === process.pid) rmSync(path, { force: true });
          } catch {
            // The file is already gone or unreadable: nothing of ours to remove.
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let info: LockInfo | null = null;
      try {
        info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        // A lock file that cannot be read was left half-written by a crash during acquisition.
        info = null;
      }
      const sameHost = info?.host === hostname();
      if (info && sameHost && processAlive(info.pid)) {
        throw new DataDirLockedError(dataDir, info.pid);
      }
      if (info && !sameHost) {
        throw new DataDirLockedError(dataDir, info.pid);
      }
      rmSync(path, { force: true });
      recoveredStale = true;
    }
  }
  throw new Error(`Could not take the data directory lock at ${path}`);
}
