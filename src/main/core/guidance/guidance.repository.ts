import type {
  KnowledgeAnswer,
  Policy,
  ReasonNode,
  ScriptVersion,
} from '../../../shared/domain/guidance';
import type { Language } from '../../../shared/domain/primitives';
import type { ScriptUpdate } from '../../../shared/studio-ipc';
import { sql } from 'kysely';
import type { ReadDb } from '../platform/database';
import type { ScriptVersionRow } from './guidance.table';

export async function readTaxonomy(db: ReadDb): Promise<ReasonNode[]> {
  const rows = await db
    .selectFrom('reasons')
    .selectAll()
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    parentCode: r.parent_code,
    labelJa: r.label_ja,
    labelEn: r.label_en,
    avoidableDefault: r.avoidable_default === 1,
    sortOrder: r.sort_order,
    active: r.active === 1,
  }));
}

/** The newest version of every script in every language (older versions are history). */
export async function readLatestScripts(db: ReadDb): Promise<ScriptVersion[]> {
  const rows = await db
    .selectFrom('script_versions as s')
    .selectAll()
    .where(({ eb, selectFrom }) =>
      eb(
        's.version',
        '=',
        selectFrom('script_versions as newer')
          .select((e) => e.fn.max('newer.version').as('v'))
          .whereRef('newer.script_id', '=', 's.script_id')
          .whereRef('newer.language', '=', 's.language'),
      ),
    )
    .orderBy('s.script_id')
    .execute();
  return rows.map((r) => ({
    ...toReleaseNote(r),
    triggers: JSON.parse(r.triggers) as ScriptVersion['triggers'],
    steps: JSON.parse(r.steps) as ScriptVersion['steps'],
  }));
}

/** Every script version as its release note, oldest published first (the studio's notices). */
export async function readScriptReleaseNotes(db: ReadDb): Promise<ScriptUpdate[]> {
  const rows = await db
    .selectFrom('script_versions')
    .select(['script_id', 'version', 'language', 'title', 'release_notes', 'published_at'])
    .orderBy('published_at')
    .execute();
  return rows.map(toReleaseNote);
}

function toReleaseNote(r: Omit<ScriptVersionRow, 'triggers' | 'steps'>): ScriptUpdate {
  return {
    scriptId: r.script_id,
    version: r.version,
    language: r.language as Language,
    title: r.title,
    releaseNotes: r.release_notes,
    publishedAt: r.published_at,
  };
}

export async function readActivePolicies(db: ReadDb): Promise<Policy[]> {
  const rows = await db
    .selectFrom('policies')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Policy['kind'],
    labelJa: r.label_ja,
    labelEn: r.label_en,
    params: JSON.parse(r.params) as Policy['params'],
    active: true,
    updatedAt: r.updated_at,
  }));
}

/**
 * Approved answers in one language whose title, body or tags contain every word of the query,
 * title matches first. A scan with LIKE, on purpose: a retailer's knowledge base is hundreds of
 * answers, and the agent's usual query is two kanji ("返品"), which a trigram index cannot find.
 * With `centerId` (an agent's center), answers published to other centers only are left out;
 * without one (retailer roles), every answer is searched.
 */
export async function searchKnowledge(
  db: ReadDb,
  query: string,
  language: Language,
  limit: number,
  centerId: string | null = null,
): Promise<KnowledgeAnswer[]> {
  const words = query
    .normalize('NFKC')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 5);
  let select = db.selectFrom('knowledge_answers').selectAll().where('language', '=', language);
  if (centerId !== null) {
    select = select.where(({ eb, or }) =>
      or([
        eb('centers', 'is', null),
        // The centers are a JSON array of strings: the quoted id matches one element exactly.
        eb(sql<number>`instr(${sql.ref('centers')}, json_quote(${centerId}))`, '>', 0),
      ]),
    );
  }
  for (const word of words) {
    select = select.where(({ eb, or }) =>
      or(
        ['title', 'body', 'tags'].map((column) =>
          // instr, not LIKE: the agent's % or _ are plain characters.
          eb(sql<number>`instr(lower(${sql.ref(column)}), lower(${word}))`, '>', 0),
        ),
      ),
    );
  }
  const rows = await select.orderBy('published_at', 'desc').limit(200).execute();
  const inTitle = (title: string) =>
    words.every((w) => title.toLowerCase().includes(w.toLowerCase())) ? 0 : 1;
  return rows
    .map((r) => ({
      id: r.id,
      version: r.version,
      language: r.language as Language,
      title: r.title,
      body: r.body,
      tags: JSON.parse(r.tags) as string[],
      publishedAt: r.published_at,
      ...(r.centers ? { centers: JSON.parse(r.centers) as string[] } : {}),
    }))
    .sort((a, b) => inTitle(a.title) - inTitle(b.title))
    .slice(0, limit);
}
