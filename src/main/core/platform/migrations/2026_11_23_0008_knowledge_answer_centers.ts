import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. An approved answer can be published to some partner centers only; the cache
 * keeps its audience (a JSON array of center ids, null for every center) so the answer search
 * shows an agent only the answers meant for the agent's center. Additive: a nullable column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('alter table knowledge_answers add column centers text').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('alter table knowledge_answers drop column centers').execute(db);
}
