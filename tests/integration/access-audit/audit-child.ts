/**
 * The child of audit-journal.test.ts: a desk's services on the cache file given as argv[2] keep
 * searching, and after each answer, at the loop's next task (where the next IPC message would be
 * handled), print how many searches were answered — until the parent SIGKILLs it.
 * Run with `node --import tsx audit-child.ts <cacheFile> <prefsDir>`.
 */
import { createAuditJournal } from '../../../src/main/core/access-audit/audit-journal';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';

const [cacheFile, prefsDir] = process.argv.slice(2);
if (!cacheFile || !prefsDir) throw new Error('usage: audit-child.ts <cacheFile> <prefsDir>');
const database = await openDatabase({ filename: cacheFile });
const router = createIpcRouter(
  createServices({
    db: database.db,
    sqlite: database.sqlite,
    events: createEventBus(),
    preferences: loadPreferences(prefsDir),
    appVersion: 'test',
    retailer: null,
    connectRetailer: async () => ({ retailerUrl: 'unused' }),
    agent: () => ({
      id: 'agent-k',
      displayName: 'K',
      centerId: 'center-k',
      role: 'agent',
      retailerName: null,
    }),
    auditJournal: createAuditJournal({ sqlite: database.sqlite }),
  }),
);
for (let n = 1; ; n++) {
  const answer = await router.handle('customers:search', { query: '山田', limit: 5 });
  if (!answer.ok) throw new Error(answer.error.message);
  await new Promise((resolve) => setImmediate(resolve));
  process.stdout.write(`${n}\n`);
}
