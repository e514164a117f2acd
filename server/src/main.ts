import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDemoRecords } from '../../src/shared/demo/generate-demo-records';
import { demoNowForToday } from '../../src/shared/demo/time';
import { buildServer } from './app';
import { openServerStore } from './db/connect';
import { createChangeNotifier } from './live/change-notifier';
import { signingSecret } from './auth/signing-secret';
import { seedDemoRetailerIfEmpty } from './seed';
import { runServerCommand } from './cli/server-command';

// `npm run server -- tenant …` (the operator's commands) runs one command and exits.
if (process.argv.length > 2) process.exit(await runServerCommand(process.argv.slice(2)));

/**
 * `npm run server`: listens on PORT (default 8787), stores in a SQLite file (KOE_SERVER_DB,
 * default .data/server.sqlite) unless DATABASE_URL names a PostgreSQL database. Tokens are
 * signed with KOE_TOKEN_SECRET, else with a secret generated into a file in KOE_SECRET_DIR
 * (default: the SQLite file's folder), never in the database.
 */
const sqliteFile = process.env.KOE_SERVER_DB ?? '.data/server.sqlite';
mkdirSync(dirname(sqliteFile), { recursive: true });
const store = await openServerStore({ databaseUrl: process.env.DATABASE_URL, sqliteFile });
const seeded = await store.db
  .transaction()
  .execute((trx) =>
    seedDemoRetailerIfEmpty(trx, () =>
      generateDemoRecords({ size: 'demo', now: demoNowForToday() }),
    ),
  );
const notifier = await createChangeNotifier(store.pool);
const secretNotes: string[] = [];
const secret = await signingSecret({
  db: store.db,
  fromEnv: process.env.KOE_TOKEN_SECRET,
  dir: process.env.KOE_SECRET_DIR ?? dirname(sqliteFile),
  log: (message) => secretNotes.push(message),
});
const app = await buildServer({ store, notifier, secret, logger: true });
for (const note of secretNotes) app.log.warn(note);
const address = await app.listen({
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '127.0.0.1',
  // Connections the kernel holds for a busy process before it drops new ones (Node's default
  // is 511; the kernel caps it at net.core.somaxconn). A dropped SYN is tried again after 1, 3,
  // 7 and 15 s: at 2,000 desks, whose idle keep-alive sockets the server closes, the load test
  // saw 1,223 overflows and a VoC push p99 of 14.5 s while the server's own p99 was under 1.3 s.
  backlog: 4096,
});
app.log.info(
  `Koe retailer API on ${address} (${store.dialect}${seeded ? ', seeded with the demo retailer' : ''})`,
);

// Graceful stop: the event streams are ended first (with a reconnect hint, see event-stream.ts)
// so no desk holds the process open; should anything else hang, exit anyway after a while, as
// a process manager restarting us would otherwise wait on a process that no longer serves.
const SHUTDOWN_DEADLINE_MS = Number(process.env.KOE_SHUTDOWN_DEADLINE_MS ?? 10_000);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      app.log.error(`Shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.close();
    await notifier.close();
    await store.close();
    process.exit(0);
  });
}
