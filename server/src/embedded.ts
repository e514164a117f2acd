import { join } from 'node:path';
import type { Role } from '../../src/shared/protocol/auth';
import { generateDemoRecords } from '../../src/shared/demo/generate-demo-records';
import { demoNowForToday } from '../../src/shared/demo/time';
import { buildServer } from './app';
import { openServerStore } from './db/connect';
import { createChangeNotifier } from './live/change-notifier';
import { signingSecret } from './auth/signing-secret';
import { refuseForeignHosts } from './http/loopback-host';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoRetailerIfEmpty } from './seed';

export interface EmbeddedDemoRetailer {
  url: string;
  /** The demo user the app signs in as when no retailer is configured (the agent by default). */
  agent: { email: string; password: string };
  close(): Promise<void>;
}

/**
 * The demo retailer, run inside the app on loopback when no retailer is configured: the same
 * server a retailer runs, on a SQLite file in the app's data folder, seeded on first start.
 * The desktop syncs from it exactly as it would from a real retailer.
 */
export async function startEmbeddedDemoRetailer(
  dataDir: string,
  /** Which demo user the desktop signs in as: the agent unless a demo of another role is asked. */
  role: Role = 'agent',
): Promise<EmbeddedDemoRetailer> {
  const store = await openServerStore({ sqliteFile: join(dataDir, 'demo-retailer.sqlite') });
  await store.db
    .transaction()
    .execute((trx) =>
      seedDemoRetailerIfEmpty(trx, () =>
        generateDemoRecords({ size: 'demo', now: demoNowForToday() }),
      ),
    );
  const notifier = await createChangeNotifier(null);
  const app = await buildServer({
    store,
    notifier,
    // In the app's (owner-only) data folder, beside the demo retailer's database, not in it.
    secret: await signingSecret({
      db: store.db,
      fromEnv: undefined,
      dir: dataDir,
      // The demo runs inside the desk: nothing for an operator to read in its log.
      log: () => {},
    }),
    // Webhooks go where a served API lets them: public https receivers only, unless
    // KOE_WEBHOOKS_ALLOW_PRIVATE=1 says otherwise (a page could otherwise have the demo POST to
    // anything on this machine's network).
  });
  refuseForeignHosts(app);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const agent = DEMO_USERS.find((u) => u.role === role);
  if (!agent) throw new Error(`The demo retailer has no ${role}`);
  return {
    url,
    agent: { email: agent.email, password: DEMO_PASSWORD },
    close: async () => {
      await app.close();
      await notifier.close();
      await store.close();
    },
  };
}
