import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Raised when another live process holds the embedded data folder. */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another ekollega process (pid ${pid}). ` +
        'Stop it first, or point this command at the same server with DATABASE_URL.',
    );
  }
}

/** The file naming the process that holds a data folder. */
export const lockFile = (dataDir: string) => join(dataDir, 'ekollega.lock');

/** A takeover guard older than this was left by a process that died while taking over. */
const GUARD_STALE_MS = 10_000;

/**
 * PGlite is single-process: two processes writing one folder corrupt it. The lock file holds the
 * owner's pid and is created only by `link()`ing a finished temporary file, which either creates
 * the name or fails, so nobody ever sees a half-written lock and two starters cannot both create
 * it. A lock left by a dead process is removed only under a second exclusive file (the takeover
 * guard) after reading it again, so two starters that both found it stale cannot each remove the
 * other's fresh lock. Resolves with the function that releases the lock.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = lockFile(dataDir);
  const guardPath = `${lockPath}.takeover`;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (createExclusive(dataDir, lockPath)) return releaser(lockPath);
    const holder = readPid(lockPath);
    if (holder === undefined) continue;
    if (holder !== null && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    if (!createExclusive(dataDir, guardPath)) {
      removeIfOlder(guardPath, GUARD_STALE_MS);
      await sleep(5 + Math.random() * 10);
      continue;
    }
    try {
      if (readPid(lockPath) === holder) unlinkSync(lockPath);
    } finally {
      unlinkSync(guardPath);
    }
  }
  throw new DataDirLockedError(dataDir, readPid(lockPath) ?? 0);
}

/** Creates `path` holding this process's pid, whole or not at all; `false` when it exists. */
function createExclusive(dataDir: string, path: string): boolean {
  const temporary = join(dataDir, `.ekollega.lock.${process.pid}.${randomBytes(6).toString('hex')}`);
  writeFileSync(temporary, String(process.pid));
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** The pid in a lock file; `null` when it names none (a lock of an older version), `undefined` when gone. */
function readPid(path: string): number | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function removeIfOlder(path: string, ms: number) {
  try {
    if (Date.now() - statSync(path).mtimeMs > ms) unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function releaser(lockPath: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
