import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * The retailer API as a retailer runs it — `server/src/main.ts` in a process of its own (SQLite
 * file, demo retailer seeded on first start) — so a test can SIGTERM, SIGKILL or freeze it and
 * start it again on the same port and data, under desks that stay connected.
 */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startServerProcess(options: {
  port: number;
  sqliteFile: string;
  heartbeatMs: number;
  /** A PostgreSQL database instead of the SQLite file. */
  databaseUrl?: string;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: resolve(__dirname, '../../..'),
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      KOE_SERVER_DB: options.sqliteFile,
      KOE_EVENTS_HEARTBEAT_MS: String(options.heartbeatMs),
      // Far beyond what the tests allow a shutdown: the safety net must not pass for the fix.
      KOE_SHUTDOWN_DEADLINE_MS: '120000',
      DATABASE_URL: options.databaseUrl ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );
  let output = '';
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Koe retailer API on')) ready();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) =>
      fail(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });
  return { url: `http://127.0.0.1:${options.port}`, child, exited };
}
