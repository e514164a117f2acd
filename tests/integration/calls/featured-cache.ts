import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase } from '../../../src/main/core/platform/connection';
import type { KoeCore } from '../../../src/main/core/koe-core';
import { featuredCustomerRecords } from '../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/generate-demo-records';
import { newSequences } from '../../../src/shared/demo/ids';

/** A new data folder whose cache (`koe.sqlite`) holds the demo's featured customers. */
export async function featuredCacheFolder(
  prefix: string,
): Promise<{ dataDir: string; file: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dataDir, 'koe.sqlite');
  const seeded = await openDatabase({ filename: file });
  createRecordWriter(seeded.sqlite).apply(
    featuredCustomerRecords(DEFAULT_DEMO_NOW.getTime(), newSequences()),
  );
  await seeded.close();
  return { dataDir, file };
}

/** Posts a ring to the core's CTI bridge as a phone system does; the bridge's HTTP status. */
export async function postRing(core: KoeCore, callId: string, ani: string): Promise<number> {
  const info = await core.router.handle('cti:info', {});
  if (!info.ok || !info.value) throw new Error('no CTI info');
  const { url, token } = info.value as { url: string; token: string };
  const response = await fetch(`${url}/v1/call-events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'ringing', callId, ani }),
  });
  return response.status;
}
