import type { RetailerRecord } from '../../../src/shared/protocol/records';
import type { Deletion } from '../../../src/shared/protocol/sync';
import type { VersionInfo } from '../../../src/shared/protocol/authoring-wire';
import type { Principal } from '../auth/access-tokens';
import type { ScriptDraftTable, ServerDb } from '../db/schema';
import { HttpError } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';
import { applyChanges } from './change-log';
import { displayNameOf } from './users';

/**
 * What the script studio and the approved-answer studio share on the server: who may author,
 * the audience check, the publisher's name, and how a lost publish race is told apart.
 */

/** Who writes scripts and approved answers: trainers and the retailer's admin. */
export const STUDIO_AUTHORS = ['trainer', 'retailer_admin'] as const;

/** Refuses an audience naming a center the tenant does not have (empty: every center). */
export async function checkAudienceCenters(
  db: ServerDb,
  tenantId: string,
  centers: readonly string[],
): Promise<void> {
  if (centers.length === 0) return;
  const known = await db
    .selectFrom('centers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...centers])
    .execute();
  if (known.length !== new Set(centers).size) {
    throw new HttpError(400, 'bad_request', 'The audience names a center this retailer has not.');
  }
}

/** The tenant's centers, to pick an audience from. */
export function readCenters(db: ServerDb, tenantId: string) {
  return db
    .selectFrom('centers')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

/**
 * Runs a publish transaction; a primary-key clash means another publish of the same version
 * number committed first (the version is max + 1, read inside the transaction), which is a 409.
 */
export async function publishOnce<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (/unique|primary key|duplicate/i.test((error as Error).message)) {
      throw new HttpError(409, 'conflict', `Another publish of this ${what} won; reload it.`);
    }
    throw error;
  }
}

/**
 * A studio item's row in its list, as both studios show it: what its latest version (or else
 * its draft) says, with what the kind adds (`extra`, the script's triggers) before the draft's
 * time.
 */
export function summaryOf<C extends { title: unknown; audience: unknown }, E extends object>(
  noun: string,
  id: string,
  published: { content: C; info: { version: number; publishedAt: string } } | null,
  draft: DraftOf<C> | null,
  extra: (shown: C) => E,
) {
  const shown = published?.content ?? draft?.content;
  if (!shown) throw new Error(`${noun} ${id} has neither a version nor a draft`);
  return {
    title: shown.title as C['title'],
    status: !published ? 'draft' : draft ? 'published_with_draft' : 'published',
    version: published?.info.version ?? null,
    publishedAt: published?.info.publishedAt ?? null,
    audience: shown.audience as C['audience'],
    ...extra(shown),
    draftUpdatedAt: draft?.updatedAt ?? null,
  } as const;
}

/** The newest of a studio item's versions, or null. */
export function latestOf<V>(versions: ReadonlyMap<number, V> | undefined): V | null {
  if (!versions || versions.size === 0) return null;
  return versions.get(Math.max(...versions.keys())) ?? null;
}

/** What every latest published item says, as `pick` takes it (for the lints' comparisons). */
export function latestOfEach<C, I extends { version: number }, R>(
  items: ReadonlyMap<string, ReadonlyMap<number, VersionOf<C, I>>>,
  pick: (id: string, content: C) => R,
): R[] {
  const out: R[] = [];
  for (const [id, versions] of items) {
    const latest = latestOf(versions);
    if (latest) out.push(pick(id, latest.content));
  }
  return out;
}

/** One published version of a studio item, with who published it and when. */
export type PublishedVersion<C> = VersionOf<C, VersionInfo>;

/** Every published version of every item of one kind, by item id and version number. */
export type PublishedItems<C> = Map<string, Map<number, PublishedVersion<C>>>;

/**
 * The versions agents have, whoever published them (the studio, or a retailer's own system
 * through `/v1/data/batch`): the change log's live records of one type, grouped per item and
 * version (`group`); `toContent` turns one version's per-language records into the studio's
 * content. Who published it is known only from the studio's own publication rows, which the
 * kind adds on top (`addPublication`).
 */
export async function readPublishedRecords<R extends { publishedAt: string }, C>(
  db: ServerDb,
  tenantId: string,
  type: 'script_version' | 'knowledge_answer',
  group: (records: readonly R[]) => Map<string, Map<number, R[]>>,
  toContent: (perLanguage: R[]) => { content: C; releaseNotes: string },
): Promise<PublishedItems<C>> {
  const rows = await db
    .selectFrom('records')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('type', '=', type)
    .where('deleted', '=', 0)
    .execute();
  // Stored as validated on the way in.
  const records = rows.map((r) => JSON.parse(r.data) as R);
  const items: PublishedItems<C> = new Map();
  for (const [id, byVersion] of group(records)) {
    const versions = new Map<number, PublishedVersion<C>>();
    for (const [version, perLanguage] of byVersion) {
      const { content, releaseNotes } = toContent(perLanguage);
      const publishedAt = perLanguage.map((r) => r.publishedAt).sort()[perLanguage.length - 1]!;
      versions.set(version, {
        content,
        info: { version, publishedAt, releaseNotes, publishedBy: null, rollbackOf: null },
      });
    }
    items.set(id, versions);
  }
  return items;
}

/** Puts a studio publication row's version over what the records alone said of it. */
export function addPublication<C>(
  items: PublishedItems<C>,
  id: string,
  row: Parameters<typeof publicationInfo>[0],
  content: C,
): void {
  const byVersion = items.get(id) ?? new Map<number, PublishedVersion<C>>();
  byVersion.set(Number(row.version), { content, info: publicationInfo(row) });
  items.set(id, byVersion);
}

/** A publication row's who, when and why, as the version history shows it. */
export function publicationInfo(row: {
  version: number | string;
  published_at: string;
  release_notes: string;
  published_by_name: string | null;
  rollback_of: number | string | null;
}): VersionInfo {
  return {
    version: Number(row.version),
    publishedAt: row.published_at,
    releaseNotes: row.release_notes,
    publishedBy: row.published_by_name,
    rollbackOf: row.rollback_of === null ? null : Number(row.rollback_of),
  };
}

/**
 * The who, when and why every publication row stores, whatever the kind: `publicationInfo`
 * reads them back. The kind adds its id column and content.
 */
export function publicationColumns(p: Publication<unknown>) {
  return {
    tenant_id: p.principal.tenantId,
    version: p.version,
    release_notes: p.releaseNotes,
    published_by: p.principal.userId,
    published_by_name: p.publishedBy,
    published_at: p.publishedAt,
    rollback_of: p.rollbackOf,
  };
}

/** One published version of a studio item, as both studios read them. */
export interface VersionOf<C, I extends { version: number }> {
  content: C;
  info: I;
}

/** A studio item's saved draft. */
export interface DraftOf<C> {
  content: C;
  updatedAt: string;
}

/** What `writeVersion` is given: one publish, its version number already chosen. */
export interface Publication<C> {
  trx: ServerDb;
  principal: Principal;
  id: string;
  version: number;
  content: C;
  releaseNotes: string;
  publishedBy: string;
  publishedAt: string;
  rollbackOf: number | null;
}

/**
 * Both draft tables have the same columns, the id named for its kind. Kysely cannot type a
 * table chosen at run time, so the shared code addresses either through the script table.
 */
export type DraftTable =
  | { table: 'script_drafts'; idColumn: 'script_id' }
  | { table: 'answer_drafts'; idColumn: 'answer_id' };

/** A tenant's drafts of one kind by item id, their content checked by `parse`. */
async function readDraftsOf<C>(
  db: ServerDb,
  tenantId: string,
  drafts: DraftTable,
  parse: (json: unknown) => C,
): Promise<Map<string, DraftOf<C>>> {
  const { table, idColumn } = drafts as DraftTable & { table: 'script_drafts' };
  const rows = await db
    .selectFrom(table)
    .select([`${idColumn} as id`, 'content', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { content: parse(JSON.parse(r.content)), updatedAt: r.updated_at }]),
  );
}

/** What differs between the kinds of studio item (scripts, approved answers). */
export interface AuthoringKind<C extends AudienceContent, I extends { version: number }> {
  /** 'script', 'answer': how messages name an item. */
  noun: string;
  drafts: DraftTable;
  /** The content's schema: a stored draft is checked against it when read. */
  content: { parse(json: unknown): C };
  readPublished(db: ServerDb, tenantId: string): Promise<Map<string, Map<number, VersionOf<C, I>>>>;
  /** The lint the studio runs, against what is published; one short description per issue. */
  lint(
    content: C,
    id: string,
    published: Map<string, Map<number, VersionOf<C, I>>>,
  ): readonly string[];
  /** Writes the publication rows; returns what goes into the change log for agents. */
  writeVersion(
    publication: Publication<C>,
  ): Promise<{ records: RetailerRecord[]; deletions: Deletion[] }>;
}

interface AudienceContent {
  audience: { centers: readonly string[] };
}

/**
 * The studio's versioned-authoring flow, the same for every kind of item: drafts, publish after
 * the lint, version history and rollback. A publish is an immutable version numbered max + 1
 * inside its transaction, written with its change-log records; desktops are told at once.
 */
export function versionedAuthoring<C extends AudienceContent, I extends { version: number }>(
  db: ServerDb,
  notifier: ChangeNotifier,
  kind: AuthoringKind<C, I>,
) {
  const { noun } = kind;
  const readDrafts = (tenantId: string) =>
    readDraftsOf(db, tenantId, kind.drafts, (json) => kind.content.parse(json));

  async function publish(
    principal: Principal,
    id: string,
    content: C,
    releaseNotes: string,
    rollbackOf: number | null,
  ) {
    const { tenantId } = principal;
    await checkAudienceCenters(db, tenantId, content.audience.centers);
    const issues = kind.lint(content, id, await kind.readPublished(db, tenantId));
    if (issues.length > 0) {
      throw new HttpError(
        422,
        'lint_failed',
        `The ${noun} does not pass the lint: ${issues.slice(0, 10).join(', ')}`,
      );
    }
    const publishedBy = await displayNameOf(db, principal);
    const publishedAt = new Date().toISOString();
    const result = await publishOnce(noun, () =>
      db.transaction().execute(async (trx) => {
        // Read again inside the transaction: the version number is max + 1 of what is stored
        // (publications and pushed records alike), and the publications' primary key refuses a
        // second publish of the same number.
        const mine = (await kind.readPublished(trx, tenantId)).get(id);
        const version = Math.max(0, ...(mine?.keys() ?? [])) + 1;
        const { records, deletions } = await kind.writeVersion({
          trx,
          principal,
          id,
          version,
          content,
          releaseNotes,
          publishedBy,
          publishedAt,
          rollbackOf,
        });
        const applied = await applyChanges(trx, tenantId, records, deletions);
        const { table, idColumn } = kind.drafts as DraftTable & { table: 'script_drafts' };
        await trx
          .deleteFrom(table)
          .where('tenant_id', '=', tenantId)
          .where(idColumn as 'script_id', '=', id)
          .execute();
        return { version, lastSeq: applied.lastSeq };
      }),
    );
    if (result.lastSeq !== null) await notifier.publish(tenantId, result.lastSeq);
    return { version: result.version, publishedAt, cursor: String(result.lastSeq ?? 0) };
  }

  async function findVersion(tenantId: string, id: string, version: number) {
    const found = (await kind.readPublished(db, tenantId)).get(id)?.get(version);
    if (!found) throw new HttpError(404, 'not_found', `No version ${version} of ${id}.`);
    return found;
  }

  return {
    /** Every item's latest version and draft, with the centers to pick an audience from. */
    async list(tenantId: string) {
      const [published, drafts, centers] = await Promise.all([
        kind.readPublished(db, tenantId),
        readDrafts(tenantId),
        readCenters(db, tenantId),
      ]);
      const ids = [...new Set([...published.keys(), ...drafts.keys()])].sort();
      const items = ids.map((id) => ({
        id,
        latest: latestOf(published.get(id)),
        draft: drafts.get(id) ?? null,
      }));
      return { centers, items };
    },

    /** One item: its draft, its latest published content and its versions, newest first. */
    async detail(tenantId: string, id: string) {
      const [published, drafts] = await Promise.all([
        kind.readPublished(db, tenantId),
        readDrafts(tenantId),
      ]);
      const versions = published.get(id);
      const draft = drafts.get(id) ?? null;
      if (!versions && !draft) throw new HttpError(404, 'not_found', `No ${noun} ${id}.`);
      const latest = latestOf(versions);
      return {
        draft,
        published: latest ? { version: latest.info.version, content: latest.content } : null,
        versions: [...(versions?.values() ?? [])]
          .map((v) => v.info)
          .sort((a, b) => b.version - a.version),
      };
    },

    /** One published version, or a 404. */
    version: findVersion,

    /** Saves the draft (agents never see drafts). */
    async saveDraft(principal: Principal, id: string, content: C) {
      await checkAudienceCenters(db, principal.tenantId, content.audience.centers);
      const updatedAt = new Date().toISOString();
      const { table, idColumn } = kind.drafts as DraftTable & { table: 'script_drafts' };
      const row = {
        tenant_id: principal.tenantId,
        [idColumn]: id,
        content: JSON.stringify(content),
        updated_by: principal.userId,
        updated_at: updatedAt,
      } as ScriptDraftTable;
      await db
        .insertInto(table)
        .values(row)
        .onConflict((oc) =>
          oc.columns(['tenant_id', idColumn]).doUpdateSet({
            content: row.content,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
      return { updatedAt };
    },

    publish: (principal: Principal, id: string, content: C, releaseNotes: string) =>
      publish(principal, id, content, releaseNotes, null),

    /**
     * Publishes an earlier version's content again, as a new version. Rolling back to the
     * version agents already have would only add a duplicate to the history and tell every
     * desktop of a change that is none: it is refused with 409 `already_current`, and nothing is
     * written.
     */
    async rollback(principal: Principal, id: string, version: number, releaseNotes: string) {
      const old = await findVersion(principal.tenantId, id, version);
      const latest = latestOf((await kind.readPublished(db, principal.tenantId)).get(id));
      if (latest?.info.version === version) {
        throw new HttpError(
          409,
          'already_current',
          `Version ${version} of ${id} is already the current version; nothing was published.`,
        );
      }
      return publish(principal, id, old.content, releaseNotes, version);
    },
  };
}
