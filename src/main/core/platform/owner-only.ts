import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

/**
 * The data folder holds the retailer's customers (encrypted) and the keys' seals: on Linux and
 * macOS nobody but the signed-in OS user may read it. New files are owner-only from their
 * creation (umask 077; SQLite gives its -wal, -shm and journal the database file's mode), and
 * a folder left by an older Koe (0755 / 0644) is tightened at every start and close. Windows
 * keeps the profile's own ACLs (the user's folder is private there).
 */
export function keepDataFolderOwnerOnly(dataDir: string, platform = process.platform): void {
  if (platform === 'win32') return;
  // Worker threads share the process's umask and may not set it; the core's thread does.
  if (isMainThread) process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY_DIR });
  tighten(dataDir);
}

function tighten(dir: string): void {
  chmodBestEffort(dir, OWNER_ONLY_DIR);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue; // Removed meanwhile (a temp file renamed into place).
    }
    // A link is not followed: what it points to is not ours to change.
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) tighten(path);
    else if (stat.isFile() && (stat.mode & 0o777) !== OWNER_ONLY_FILE) {
      chmodBestEffort(path, OWNER_ONLY_FILE);
    }
  }
}

/** A file someone else owns (copied in with sudo) is reported, and Koe still starts. */
function chmodBestEffort(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    console.error(`[koe] could not make ${path} owner-only`, error);
  }
}
