import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../server/src/app';
import { openServerStore } from '../server/src/db/connect';
import { createChangeNotifier } from '../server/src/live/change-notifier';

/**
 * The retailer API's /openapi.json as a running server answers it. The document is generated
 * from the routes' own schemas (server/src/http/route.ts), so it is taken from a real server over
 * a throwaway SQLite file rather than kept by hand.
 */
export async function servedOpenApiDocument(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-openapi-'));
  const store = await openServerStore({ sqliteFile: join(dir, 'server.sqlite') });
  const notifier = await createChangeNotifier(null);
  const app = await buildServer({
    store,
    notifier,
    secret: 'only-for-the-document-0123456789',
    webhooks: false,
    updateFilesDir: join(dir, 'update-files'),
  });
  try {
    const reply = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (reply.statusCode !== 200) throw new Error(`/openapi.json answered ${reply.statusCode}`);
    return reply.json();
  } finally {
    await app.close();
    await notifier.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
