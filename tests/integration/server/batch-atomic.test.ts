import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerRecord, vocFor } from '../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../fixtures/test-server';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * A batch is applied whole or not at all, even when the database fails half way through it (not
 * only when the body fails validation, which is refused before anything is written). A trigger
 * in the real database refuses one row late in the batch, after earlier statements of the same
 * request already wrote theirs: without the request's transaction those rows would stay.
 */

const POISON = 'POISON-ROW';

describeEachDatabase('batches are atomic ($name)', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  const agentId = 'retailer-a-center-x-agent';
  const centerId = 'retailer-a-center-x';

  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    agent = await signIn(server.url, `agent@${centerId}.example`);
    const db = server.store.db;
    // The database itself refuses a row holding POISON: a failure no validation can foresee.
    if (postgres) {
      await sql`create function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.data like ${sql.lit(`%${POISON}%`)} then raise exception 'poisoned row'; end if;
          return new;
        end $$`.execute(db);
      await sql`create trigger refuse_poison before insert or update on records
        for each row execute function refuse_poison()`.execute(db);
      // VoC rows only on update: a correction is written after the batch's insert.
      await sql`create trigger refuse_poison before update on voc_records
        for each row execute function refuse_poison()`.execute(db);
    } else {
      for (const [table, event] of [
        ['records', 'insert'],
        ['records', 'update'],
        // VoC rows only on update: a correction is written after the batch's insert.
        ['voc_records', 'update'],
      ] as const)
        await sql`create trigger ${sql.raw(`refuse_poison_${table}_${event}`)} before ${sql.raw(event)}
          on ${sql.table(table)} when new.data like ${sql.lit(`%${POISON}%`)}
          begin select raise(abort, 'poisoned row'); end`.execute(db);
    }
  });
  afterAll(() => server?.close());

  it('keeps none of a data batch whose last rows the database refuses', async () => {
    // Rows are written 200 per statement: the first statements succeed, the last one fails.
    const records = Array.from({ length: 450 }, (_, i) =>
      customerRecord({ id: `atomic-${i}`, familyName: i === 449 ? POISON : '佐藤' }),
    );
    const reply = await call(server.url, admin, 'POST', '/v1/data/batch', { records });
    expect(reply.status).toBe(500);
    const stored = await server.store.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', 'retailer-a')
      .where('id', 'like', 'atomic-%')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
    const sequence = await server.store.db
      .selectFrom('tenant_sequences')
      .select('value')
      .where('tenant_id', '=', 'retailer-a')
      .executeTakeFirstOrThrow();
    expect(Number(sequence.value)).toBe(0);
  });

  it('keeps none of a VoC batch whose correction the database refuses', async () => {
    const first = vocFor(agentId, centerId);
    const saved = await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [first] });
    expect(saved.status).toBe(200);
    // New records are inserted first, then the correction is written: it fails.
    const fresh = Array.from({ length: 20 }, () => vocFor(agentId, centerId));
    const correction = { ...first, revision: 2, customerWords: POISON };
    const reply = await call(server.url, agent, 'POST', '/v1/voc/batch', {
      records: [...fresh, correction],
    });
    expect(reply.status).toBe(500);
    const stored = await server.store.db
      .selectFrom('voc_records')
      .select('id')
      .where('tenant_id', '=', 'retailer-a')
      .execute();
    expect(stored.map((r) => r.id)).toEqual([first.id]);
  });
});
