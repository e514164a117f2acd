import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  inThreadPageDecoder,
  startPageDecoder,
  typescriptPageDecoderEntry,
} from '../../../src/main/core/sync/page-decoder';
import { SyncError } from '../../../src/main/core/sync/sync-error';
import { customerIndexEntries } from '../../../src/main/core/customers/customer-index-entries';
import type { PullPage } from '../../../src/shared/protocol/sync';
import { customerRecord, orderRecord } from '../../fixtures/retailer-records';

const page: PullPage = {
  protocolVersion: 1,
  cursor: '12',
  hasMore: true,
  records: [
    customerRecord({
      id: 'c-1',
      phones: [{ number: '０９０－１２３４－５６７８', kind: 'mobile' }],
    }),
    orderRecord({ id: 'o-1', customerId: 'c-1' }),
  ],
  deletions: [{ type: 'order', id: 'o-0' }],
  purgeBefore: null,
  serverTime: '2026-11-23T00:00:00.000Z',
};
const bytesOf = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('the page decoder thread', () => {
  const decoder = startPageDecoder(typescriptPageDecoderEntry);
  const dir = mkdtempSync(join(tmpdir(), 'koe-decoder-'));
  afterAll(async () => {
    await decoder.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decodes a page as this thread does, index entries only when asked', async () => {
    for (const indexCustomers of [false, true]) {
      const onThread = await decoder.decode(bytesOf(JSON.stringify(page)), { indexCustomers });
      const here = await inThreadPageDecoder.decode(bytesOf(JSON.stringify(page)), {
        indexCustomers,
      });
      expect(onThread).toEqual(here);
      expect(onThread.records[0]?.index).toEqual(
        indexCustomers && page.records[0]?.type === 'customer'
          ? customerIndexEntries(page.records[0].data)
          : undefined,
      );
    }
    const indexed = await decoder.decode(bytesOf(JSON.stringify(page)), { indexCustomers: true });
    expect(indexed.records[0]?.index?.phones[0]?.e164).toBe('+819012345678');
  });

  it('refuses a malformed page with the reason this thread gives', async () => {
    const cut = JSON.stringify(page).slice(0, 80);
    const wrong = JSON.stringify({ ...page, cursor: 'twelve' });
    for (const body of [cut, wrong]) {
      const onThread = decoder.decode(bytesOf(body), { indexCustomers: false });
      const here = inThreadPageDecoder.decode(bytesOf(body), { indexCustomers: false });
      const reason = await here.catch((error: SyncError) => error.message);
      expect(reason).toMatch(/page of changes (arrived incomplete|does not match)/);
      await expect(onThread).rejects.toBeInstanceOf(SyncError);
      await expect(onThread).rejects.toMatchObject({ kind: 'invalid_response', message: reason });
    }
  });

  it('fails the pages it held when its thread dies, and starts again for the next', async () => {
    // A decoder whose thread exits on its first message stands in for one that crashed.
    const exiting = join(dir, 'exiting-decoder.mjs');
    writeFileSync(
      exiting,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(1));\n",
    );
    const dying = startPageDecoder({ file: exiting });
    for (let attempt = 0; attempt < 2; attempt++)
      await expect(
        dying.decode(bytesOf(JSON.stringify(page)), { indexCustomers: false }),
      ).rejects.toMatchObject({ kind: 'invalid_response', message: 'The page decoder stopped.' });
    await dying.close();

    await decoder.close();
    const again = await decoder.decode(bytesOf(JSON.stringify(page)), { indexCustomers: false });
    expect(again.cursor).toBe('12');
  });
});
