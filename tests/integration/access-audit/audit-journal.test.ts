import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditJournal } from '../../../src/main/core/access-audit/audit-journal';
import type { AuditEntry } from '../../../src/main/core/access-audit/audit.repository';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';

const AGENT = {
  id: 'agent-j',
  displayName: 'J',
  centerId: 'center-j',
  role: 'agent' as const,
  retailerName: null,
};

let dir: string;
let database: LocalDatabase | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
  rmSync(dir, { recursive: true, force: true });
});

async function world() {
  dir = mkdtempSync(join(tmpdir(), 'koe-audit-journal-'));
  database = await openDatabase({ filename: join(dir, 'cache.sqlite') });
  const told: AuditEntry[] = [];
  const journal = createAuditJournal({
    sqlite: database.sqlite,
    committed: (entries) => told.push(...entries),
  });
  const router = createIpcRouter(
    createServices({
      db: database.db,
      sqlite: database.sqlite,
      events: createEventBus(),
      preferences: loadPreferences(join(dir, 'prefs')),
      appVersion: 'test',
      retailer: null,
      connectRetailer: async () => ({ retailerUrl: 'unused' }),
      agent: () => AGENT,
      auditJournal: journal,
    }),
  );
  const rows = () =>
    (
      database!.sqlite
        .prepare(`select count(*) as n from audit_log where kind = 'search'`)
        .get() as {
        n: number;
      }
    ).n;
  return { journal, router, rows, told, file: join(dir, 'cache.sqlite') };
}

describe('audit journal: searches and pops by hand are committed right after their answer', () => {
  it('commits the accesses before the event loop takes its next task, without holding up the answer', async () => {
    const w = await world();
    // Two searches answered in the same tick: one commit for both.
    const [a, b] = await Promise.all([
      w.router.handle('customers:search', { query: '山田', limit: 5 }),
      w.router.handle('customers:search', { query: '佐藤', limit: 5 }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    // The answer is out and the commit is still to come in this tick: nothing waited for it.
    expect(w.journal.pending()).toBe(2);
    // The next task (as the next IPC message would be) finds both rows on disk, seen from
    // another connection, and the policies and outbox were told once, after the commit.
    const seen = await new Promise<number>((resolve) =>
      setImmediate(() => {
        const other = new Database(w.file, { readonly: true });
        try {
          resolve(
            (
              other.prepare(`select count(*) as n from audit_log where kind = 'search'`).get() as {
                n: number;
              }
            ).n,
          );
        } finally {
          other.close();
        }
      }),
    );
    expect(seen).toBe(2);
    expect(w.journal.pending()).toBe(0);
    expect(w.told.map((e) => [e.kind, e.agentId])).toEqual([
      ['search', AGENT.id],
      ['search', AGENT.id],
    ]);
  });

  it('keeps accesses whose commit failed and writes them with the next one', async () => {
    const w = await world();
    const failures: string[] = [];
    const journal = createAuditJournal({
      sqlite: database!.sqlite,
      log: (message) => failures.push(message),
    });
    const entry = (customerId: string): AuditEntry => ({
      kind: 'search',
      agentId: AGENT.id,
      customerId,
      callId: null,
      detail: { results: 0 },
      at: new Date().toISOString(),
    });
    // Another connection holds the write lock past the busy timeout.
    const holder = new Database(w.file);
    database!.sqlite.pragma('busy_timeout = 0');
    holder.prepare('begin immediate').run();
    journal.record(entry('c-1'));
    journal.commit();
    expect(failures).toHaveLength(1);
    expect(journal.pending()).toBe(1);
    holder.prepare('rollback').run();
    holder.close();
    journal.record(entry('c-2'));
    journal.commit();
    expect(journal.pending()).toBe(0);
    expect(w.rows()).toBe(2);
  });

  it('loses no access answered before the next task when the process is killed (SIGKILL)', async () => {
    for (let run = 0; run < 3; run++) {
      const w = await world();
      await database!.close();
      database = null;
      const killAfter = 5 + Math.floor(Math.random() * 60);
      const acked = await runChildUntilKilled(w.file, join(dir, 'prefs'), killAfter);
      expect(acked).toBeGreaterThanOrEqual(killAfter);
      // A plain reopen, as the app's next start: every acknowledged search has its row.
      const reopened = new Database(w.file);
      try {
        const rows = (
          reopened.prepare(`select count(*) as n from audit_log where kind = 'search'`).get() as {
            n: number;
          }
        ).n;
        expect(rows).toBeGreaterThanOrEqual(acked);
      } finally {
        reopened.close();
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const CHILD = resolve('tests/integration/access-audit/audit-child.ts');

/** Runs audit-child.ts until it acknowledged `killAfter` searches, then SIGKILLs it. */
function runChildUntilKilled(file: string, prefs: string, killAfter: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, prefs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    let acked = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line) acked = Number(line);
      if (acked >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    // 'close' comes after stdout ended: every line that left the child before it died is read.
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL' && acked > 0) resolvePromise(acked);
      else reject(new Error(`the child stopped on its own (${signal ?? _code}): ${stderr}`));
    });
  });
}
