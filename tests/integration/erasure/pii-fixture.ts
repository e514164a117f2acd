import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../src/main/core/access-audit/audit.repository';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import type { Database } from '../../../src/main/core/platform/database';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import { customerRecord, vocFor } from '../../fixtures/retailer-records';

/**
 * Customers with known personal data for the erasure tests: 150 to be purged (unchanged since
 * 2020, no orders: out of a retention window that starts in 2024) and 20 to keep. Each has seven
 * strings no other customer shares — names, their kana, an address, an e-mail and a phone — so
 * 1,050 strings must disappear from the bytes and 140 must stay (the scan's own check).
 */
export const PURGED = 150;
export const KEPT = 20;
export const CUTOFF = '2024-01-01';
export const NOW = Date.parse('2026-11-23T01:00:00.000Z');

const KANA =
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';

export interface Person {
  id: string;
  strings: string[];
  phone: string;
}

export function person(i: number): Person {
  const kanji = (base: number) => String.fromCodePoint(base + i);
  const kana = (offset: number) =>
    `${KANA[(i + offset) % KANA.length]}${KANA[Math.floor(i / KANA.length + offset) % KANA.length]}${KANA[(i * 7 + offset) % KANA.length]}ン`;
  const familyName = `試${kanji(0x5000)}${kanji(0x6000)}`;
  const givenName = `${kanji(0x7000)}${kanji(0x7400)}子`;
  const familyNameKana = `ア${kana(3)}${String.fromCodePoint(0x30a1 + (i % 80))}`;
  const givenNameKana = `${kana(11)}ヴ${String.fromCodePoint(0x30a1 + ((i * 3) % 80))}`;
  const digits = String(10_000_000 + i * 7919).slice(-8);
  const phone = `090-${digits.slice(0, 4)}-${digits.slice(4)}`;
  const addressLine = `消去区${i}番地${kanji(0x7800)}${kanji(0x7c00)}ハイツ`;
  const email = `erase.person${i}@privacy-test.example`;
  return {
    id: `cus-erase-${i}`,
    phone,
    strings: [
      familyName,
      givenName,
      familyNameKana,
      givenNameKana,
      addressLine,
      email,
      `+8190${digits}`,
    ],
  };
}

export const purged = Array.from({ length: PURGED }, (_, i) => person(i));
export const kept = Array.from({ length: KEPT }, (_, i) => person(PURGED + i));

/** Writes the customers, and what the desk wrote about the purged ones long ago. */
export async function fillCache(sqlite: Sqlite.Database, db: Kysely<Database>): Promise<void> {
  const write = (people: Person[], updatedAt: string) =>
    createRecordWriter(sqlite).apply(
      people.map((p) => {
        const [familyName, givenName, familyNameKana, givenNameKana, addressLine, email] =
          p.strings as [string, string, string, string, string, string];
        return customerRecord({
          id: p.id,
          familyName,
          givenName,
          familyNameKana,
          givenNameKana,
          addressLine,
          emails: [email],
          phones: [{ number: p.phone, kind: 'mobile' }],
          createdAt: updatedAt,
          updatedAt,
        });
      }),
    );
  write(purged, '2020-01-01T00:00:00.000Z');
  write(kept, '2026-11-01T00:00:00.000Z');

  // Delivered wrap-ups (no outbox row left), audit rows and finished calls from 2020.
  const save = createVocRecordSaver(sqlite);
  for (const p of purged.slice(0, 50)) {
    const record = vocFor('usr-agent-1', 'ctr-1', {
      customerId: p.id,
      customerWords: `${p.strings[0]}様、住所は${p.strings[4]}`,
      startedAt: '2020-01-01T00:00:00.000Z',
      endedAt: '2020-01-01T00:05:00.000Z',
      savedAt: '2020-01-01T00:06:00.000Z',
    });
    save(record);
    sqlite.prepare(`delete from outbox where entity_id = ?`).run(record.id);
  }
  for (const p of purged.slice(50, 100)) {
    await appendAudit(db, {
      kind: 'pii_revealed',
      agentId: 'usr-agent-1',
      customerId: p.id,
      callId: null,
      detail: { field: 'email', shown: p.strings[5] ?? '' },
      at: '2020-01-02T00:00:00.000Z',
    });
  }
  const call = sqlite.prepare(
    `insert into desk_calls (call_id, session, draft, updated_at) values (?, ?, null, ?)`,
  );
  for (const p of purged.slice(100)) {
    call.run(
      `call-${p.id}`,
      JSON.stringify({ ani: p.strings[6], name: p.strings[1] }),
      '2020-01-03T00:00:00.000Z',
    );
  }
}

/** Every file in the data folder (database, -wal, -shm, anything else), as raw bytes. */
export function folderBytes(dir: string): { name: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: path.slice(dir.length + 1), bytes: readFileSync(path) };
    });
}

/** The strings found in any file of the folder (UTF-8), with where. */
export function findInFolder(dir: string, strings: readonly string[]): string[] {
  const files = folderBytes(dir);
  const found: string[] = [];
  for (const s of strings) {
    const needle = Buffer.from(s, 'utf8');
    for (const f of files) if (f.bytes.includes(needle)) found.push(`${s} in ${f.name}`);
  }
  return found;
}

export const purgedStrings = purged.flatMap((p) => p.strings);
export const keptStrings = kept.flatMap((p) => p.strings);
