import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openSqlite } from '../../../src/main/core/platform/connection';
import { AppError } from '../../../src/main/core/platform/errors';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { customerRecord } from '../../fixtures/retailer-records';
import {
  startPredictionWorker,
  typescriptPredictionWorkerEntry,
} from '../../../src/main/core/predictions/prediction-worker-host';
import { referenceRecords } from '../../../src/shared/demo/generate-demo-records';

/** The one place that opens the cache, with a key: a real file on disk, read back as bytes. */
describe('an encrypted cache connection', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-cipher-'));
    dirs.push(dir);
    return join(dir, 'cache.sqlite');
  };

  it('runs on the cipher build of the driver (SQLite3 Multiple Ciphers)', () => {
    const sqlite = new Sqlite(':memory:');
    const row = sqlite.prepare('select sqlite3mc_version() as version').get() as {
      version: string;
    };
    sqlite.close();
    expect(row.version).toMatch(/^SQLite3 Multiple Ciphers /);
  });

  it('writes no plain header or row text, and Kysely reads its rows back with the key', async () => {
    const filename = tempFile();
    const key = randomBytes(32);
    const database = await openDatabase({ filename, key });
    createRecordWriter(database.sqlite).apply([
      customerRecord({ id: 'c-1', familyName: '山田', givenName: '花子' }),
    ]);
    // Kysely (the UI's reads) through the same keyed connection.
    const row = await database.db
      .selectFrom('customers')
      .select(['family_name'])
      .where('id', '=', 'c-1')
      .executeTakeFirst();
    expect(row).toEqual({ family_name: '山田' });
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await database.close();

    const bytes = readFileSync(filename);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('山田'))).toBe(false);
    expect(bytes.includes(Buffer.from('hanako.sato@example.jp'))).toBe(false);
    expect(bytes.includes(Buffer.from('090-1234-5678'))).toBe(false);

    const again = await openDatabase({ filename, key });
    const tables = again.sqlite
      .prepare(`select name from sqlite_master where type = 'table'`)
      .all() as { name: string }[];
    expect(tables.map((t) => t.name)).toContain('kysely_migration');
    await again.close();
  });

  it("the prediction worker reads the encrypted file on its own thread's connection, keyed", async () => {
    const filename = tempFile();
    const key = randomBytes(32);
    const database = await openDatabase({ filename, key });
    createRecordWriter(database.sqlite).apply([
      ...referenceRecords(Date.parse('2026-11-23T01:00:00.000Z')),
      customerRecord({ id: 'c-1' }),
    ]);
    const worker = startPredictionWorker(typescriptPredictionWorkerEntry, {
      dbFile: filename,
      cacheKey: key,
    });
    try {
      const result = await worker.refresh({
        now: Date.parse('2026-11-23T01:00:00.000Z'),
        force: true,
      });
      expect(result.fitted).toBe(true);
    } finally {
      await worker.stop();
      await database.close();
    }
  }, 60_000);

  it('refuses a wrong key or no key with a clear error, and leaves the file as it was', async () => {
    const filename = tempFile();
    const database = await openDatabase({ filename, key: randomBytes(32) });
    await database.close();
    const before = readFileSync(filename);

    const wrong = (() => {
      try {
        openSqlite({ filename, key: randomBytes(32) });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(wrong).toBeInstanceOf(AppError);
    expect((wrong as AppError).code).toBe('cache_key_refused');
    // Without a key the driver cannot even read the schema.
    await expect(openDatabase({ filename })).rejects.toThrow(/not a database/);
    expect(readFileSync(filename).equals(before)).toBe(true);
  });
});
