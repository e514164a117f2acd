import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccessToken } from '../../../../server/src/auth/access-tokens';
import { SECRET_FILE_NAME, signingSecret } from '../../../../server/src/auth/signing-secret';
import { openServerStore, type ServerStore } from '../../../../server/src/db/connect';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../../server/src/seed';
import { freePort } from '../../../fixtures/server-process';
import { createPostgresDatabase } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * A deployment that sets no signing secret gets one generated into an owner-only file, never
 * into the database it protects; a secret an older server kept in the database moves out; a
 * configured secret is used as before. On SQLite and PostgreSQL, and through `npm run server`.
 */

const settingsRows = (store: ServerStore) =>
  store.db.selectFrom('server_settings').selectAll().where('key', '=', 'token_secret').execute();

describeEachDatabase('the token-signing secret on $name', ({ postgres }) => {
  let dir: string;
  let store: ServerStore;
  let drop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-secret-'));
    const database = postgres
      ? await createPostgresDatabase(process.env.KOE_TEST_DATABASE_URL!)
      : null;
    drop = database?.drop ?? null;
    store = await openServerStore({
      ...(database ? { databaseUrl: database.url } : {}),
      sqliteFile: join(dir, 'server.sqlite'),
    });
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates it into an owner-only file, says so once without the secret, and keeps it out of the database', async () => {
    const secretDir = join(dir, 'generated', 'secrets');
    const logged: string[] = [];
    const secret = await signingSecret({
      db: store.db,
      fromEnv: undefined,
      dir: secretDir,
      log: (m) => logged.push(m),
    });
    const file = join(secretDir, SECRET_FILE_NAME);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(secretDir).mode & 0o077).toBe(0);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(file);
    expect(logged[0]).not.toContain(secret);
    expect(await settingsRows(store)).toEqual([]);

    // The next start reads the same secret and says nothing; several at once agree on one.
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        signingSecret({
          db: store.db,
          fromEnv: undefined,
          dir: secretDir,
          log: (m) => logged.push(m),
        }),
      ),
    );
    expect(again).toEqual([secret, secret, secret]);
    expect(logged).toHaveLength(1);
  });

  it('makes processes starting together agree on one new secret', async () => {
    const secretDir = join(dir, 'together');
    const logged: string[] = [];
    const secrets = await Promise.all(
      [1, 2, 3, 4].map(() =>
        signingSecret({
          db: store.db,
          fromEnv: undefined,
          dir: secretDir,
          log: (m) => logged.push(m),
        }),
      ),
    );
    expect(new Set(secrets).size).toBe(1);
    expect(logged).toHaveLength(1);
  });

  it('moves a secret an older server kept in the database into the file, so sessions stay valid', async () => {
    await store.db
      .insertInto('server_settings')
      .values({ key: 'token_secret', value: 'legacy-secret-kept-in-the-database-0123' })
      .execute();
    const secretDir = join(dir, 'moved');
    const logged: string[] = [];
    const secret = await signingSecret({
      db: store.db,
      fromEnv: undefined,
      dir: secretDir,
      log: (m) => logged.push(m),
    });
    expect(secret).toBe('legacy-secret-kept-in-the-database-0123');
    expect(readFileSync(join(secretDir, SECRET_FILE_NAME), 'utf8').trim()).toBe(secret);
    expect(await settingsRows(store)).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Moved the token-signing secret out of the database/);
  });

  it('uses a configured secret as before, writing no file', async () => {
    const secretDir = join(dir, 'configured');
    const secret = await signingSecret({
      db: store.db,
      fromEnv: 'configured-secret-0123456789-abcdefghij',
      dir: secretDir,
      log: () => {
        throw new Error('nothing to say');
      },
    });
    expect(secret).toBe('configured-secret-0123456789-abcdefghij');
    expect(() => statSync(secretDir)).toThrow(/ENOENT/);
  });

  it('tightens a secret file others could read, and refuses one too short to be a secret', async () => {
    const secretDir = join(dir, 'loose');
    await signingSecret({ db: store.db, fromEnv: undefined, dir: secretDir, log: () => {} });
    const file = join(secretDir, SECRET_FILE_NAME);
    writeFileSync(file, 'a-secret-someone-wrote-by-hand-0123456789\n', { mode: 0o644 });
    const { chmodSync } = await import('node:fs');
    chmodSync(file, 0o644);
    const secret = await signingSecret({
      db: store.db,
      fromEnv: undefined,
      dir: secretDir,
      log: () => {},
    });
    expect(secret).toBe('a-secret-someone-wrote-by-hand-0123456789');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'short\n');
    await expect(
      signingSecret({ db: store.db, fromEnv: undefined, dir: secretDir, log: () => {} }),
    ).rejects.toThrow(/shorter than 32/);
  });
});

describe('npm run server without a configured secret', () => {
  it('signs with a secret from an owner-only file beside its data, logs where, and keeps none in its database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-secret-main-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KOE_SERVER_DB: join(dir, 'data', 'server.sqlite'),
      DATABASE_URL: '',
    };
    delete env.KOE_TOKEN_SECRET;
    delete env.KOE_SECRET_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: resolve(__dirname, '../../../..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      await new Promise<void>((ready, fail) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Koe retailer API on')) ready();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => fail(new Error(`server exited (${code}):\n${output}`)));
      });
      const file = join(dir, 'data', SECRET_FILE_NAME);
      const secret = readFileSync(file, 'utf8').trim();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(output).toContain(`Generated the token-signing secret into ${file}`);
      expect(output).not.toContain(secret);

      const agent = DEMO_USERS.find((u) => u.role === 'agent')!;
      const response = await fetch(`http://127.0.0.1:${port}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: agent.email, password: DEMO_PASSWORD }),
      });
      const { accessToken } = (await response.json()) as { accessToken: string };
      expect(readAccessToken(accessToken, secret)?.principal.userId).toBe(agent.id);

      const sqlite = new Sqlite(join(dir, 'data', 'server.sqlite'), { readonly: true });
      try {
        const rows = sqlite.prepare('select key from server_settings').all() as { key: string }[];
        expect(rows.map((r) => r.key)).not.toContain('token_secret');
      } finally {
        sqlite.close();
      }
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
