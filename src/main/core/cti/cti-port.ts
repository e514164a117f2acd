import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file in the data dir that keeps this install's CTI port. A softphone is configured with
 * one address once; on a shared or VDI host where 17345 belongs to another user's Koe, the port
 * chosen at the first start must be the port of every later start.
 */
export const CTI_PORT_FILE = 'cti-port';

/** This install's port, or null before the first start (or when the file is not a port). */
export function loadCtiPort(dataDir: string): number | null {
  try {
    const text = readFileSync(join(dataDir, CTI_PORT_FILE), 'utf8').trim();
    if (!/^\d{1,5}$/.test(text)) return null;
    const port = Number(text);
    return port >= 1 && port <= 65_535 ? port : null;
  } catch {
    return null;
  }
}

/** Keeps the port (written whole or not at all: a temp file renamed over the old one). */
export function saveCtiPort(dataDir: string, port: number): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, CTI_PORT_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${port}\n`);
  renameSync(temp, file);
}
