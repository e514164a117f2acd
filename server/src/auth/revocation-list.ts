import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Compilable } from 'kysely';
import type pg from 'pg';
import type { ServerStore } from '../db/connect';
import { deskRevocationReasonOf, type DeviceTables } from '../data/devices';
import type { DeskRevocationReason } from '../../../src/shared/protocol/devices';
import { REVOCATION_CHANNEL as CHANNEL } from './revocation-notice';
import { ACCESS_TOKEN_SECONDS, type VerifiedToken } from './access-tokens';

/** What a revocation names: one sign-in's refresh family, a user, or a desk. */
export type RevocationKind = 'family' | 'user' | 'device';

/** Why a token that still verifies no longer works, as the API and the event stream say it. */
export type RevocationReason = 'session_revoked' | 'user_disabled' | 'device_revoked';

const REASON: Record<RevocationKind, RevocationReason> = {
  family: 'session_revoked',
  user: 'user_disabled',
  device: 'device_revoked',
};

export interface Revocation {
  tenantId: string;
  kind: RevocationKind;
  subject: string;
}

export type RevocationTables = {
  token_revocations: {
    id: string;
    tenant_id: string;
    kind: string;
    subject: string;
    not_before: string;
    expires_at: string;
  };
};

/**
 * A row is kept until every access token it could refuse has expired on its own, plus a margin
 * for clocks between processes: the list every process holds stays a few hundred entries at
 * most, however many revocations a retailer makes over time.
 */
const KEEP_MS = ACCESS_TOKEN_SECONDS * 1000 + 5 * 60_000;

/**
 * The access tokens that stopped working before they expire, and the revoked desks, held in
 * memory by every server process and checked on every request (map lookups: a request takes no
 * pool connection for them, which under 2,000 desks it waited hundreds of ms for, issue #15).
 * A token revocation is a row in `token_revocations` (tokens of that family, user or desk issued
 * before its time are refused); a revoked desk is its `devices` row (revoked for good). The
 * process that records a revocation applies it at once; the others reload the list on the
 * notice: PostgreSQL LISTEN/NOTIFY, sent by `revoke` and, at the commit, by every transaction
 * that revokes desks (noticeRevocationOnCommit: the admin's, the operator's API and command, in
 * any process). On SQLite, a commit by another connection (the operator's command) is seen on
 * the next request, or within a second. A request that arrives after a notice waits for the reload it started; a
 * reload every `reloadMs` covers a notice lost with a dropped listening connection.
 */
export interface RevocationList {
  /** Records a revocation (after the change it follows has committed) and spreads it. */
  revoke(revocation: Revocation, now?: number): Promise<void>;
  /** Why this verified token is refused, or null while it still works. */
  refusal(token: VerifiedToken): RevocationReason | null;
  /** Why this desk was revoked, or null while it is not (or the retailer does not know it). */
  deskRevocation(tenantId: string, deskId: string): DeskRevocationReason | null;
  /**
   * A reload to wait for before answering from the list (one a notice or another connection's
   * commit started), or null when the list is current: called on every request, it reads no
   * table (on SQLite, one pragma of the connection in this process).
   */
  upToDate(): Promise<void> | null;
  /** Called whenever the list may have grown (open event streams re-check their tokens). */
  onChange(listener: () => void): () => void;
  /** Reads the list again from the database (done on start, on notice and periodically). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const keyOf = (tenantId: string, kind: RevocationKind, subject: string) =>
  `${tenantId}\n${kind}\n${subject}`;

/** How often SQLite's file is looked at for another connection's commit besides on requests. */
const COMMAND_WATCH_MS = 1_000;

const deskKeyOf = (tenantId: string, deskId: string) => `${tenantId}\n${deskId}`;

type Reader = <R>(query: Compilable<R> & { execute(): Promise<R[]> }) => Promise<R[]>;

export async function createRevocationList(
  store: Pick<ServerStore, 'db' | 'pool' | 'dataVersion'>,
  options: { reloadMs?: number; onError?: (message: string, error: unknown) => void } = {},
): Promise<RevocationList> {
  const { db, pool, dataVersion } = store;
  const rdb = db.withTables<RevocationTables>();
  const ddb = db.withTables<DeviceTables>();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  /** key → the time (ms) before which that subject's tokens are refused. */
  let notBefore = new Map<string, number>();
  /** tenant and desk → why it was revoked. A desk stays revoked: the map only grows. */
  let revokedDesks = new Map<string, DeskRevocationReason>();
  /** Revocations made here since start, merged into every reload until they lapse. */
  const made: { key: string; at: number }[] = [];
  const onError = options.onError ?? (() => {});

  const apply = (key: string, at: number) => {
    if ((notBefore.get(key) ?? -Infinity) < at) notBefore.set(key, at);
  };

  let listener: pg.PoolClient | null = null;
  const viaPool: Reader = (query) => query.execute();
  /**
   * A reload on a notice reads through the connection that heard it, not the pool: the requests
   * that wait for it would otherwise wait behind every query queued for a pool connection.
   */
  const viaListener: Reader = async (query) => {
    const compiled = query.compile();
    const result = await listener!.query(compiled.sql, compiled.parameters as unknown[]);
    return result.rows as never[];
  };

  let loading: Promise<void> | null = null;
  let again: Reader | null = null;
  const loadOnce = async (read: Reader) => {
    const now = Date.now();
    const [rows, desks] = [
      await read(
        rdb
          .selectFrom('token_revocations')
          .select(['tenant_id', 'kind', 'subject', 'not_before'])
          .where('expires_at', '>', new Date(now).toISOString()),
      ),
      await read(
        ddb
          .selectFrom('devices')
          .select(['tenant_id', 'desk_id', 'revoked_reason'])
          .where('revoked', '!=', 0),
      ),
    ];
    const next = new Map<string, number>();
    notBefore = next;
    for (const r of rows)
      apply(keyOf(r.tenant_id, r.kind as RevocationKind, r.subject), Date.parse(r.not_before));
    for (let i = made.length - 1; i >= 0; i--) {
      if (made[i]!.at + KEEP_MS <= now) made.splice(i, 1);
      else apply(made[i]!.key, made[i]!.at);
    }
    revokedDesks = new Map(
      desks.map((d) => [
        deskKeyOf(d.tenant_id, d.desk_id),
        deskRevocationReasonOf(d.revoked_reason),
      ]),
    );
    changes.emit('change');
  };
  /** One reload at a time; a notice during one asks for another after it. */
  const reload = async (read: Reader = viaPool): Promise<void> => {
    if (loading) {
      again = read;
      return loading;
    }
    loading = (async () => {
      try {
        for (let next: Reader | null = read; next; next = again) {
          again = null;
          await loadOnce(next);
        }
      } finally {
        loading = null;
      }
    })();
    return loading;
  };
  const reloadQuietly = () => void reload().catch((e) => onError('Revocation reload failed', e));
  /** The reload the requests wait for (see upToDate), while one a notice started runs. */
  let awaited: Promise<void> | null = null;
  const reloadBeforeRequests = (read: Reader) => {
    const done = reload(read).catch((e) => onError('Revocation reload failed', e));
    awaited = done;
    void done.then(() => {
      if (awaited === done) awaited = null;
    });
  };

  if (pool) {
    listener = await pool.connect();
    listener.on('notification', (message) => {
      if (message.channel === CHANNEL) reloadBeforeRequests(viaListener);
    });
    await listener.query(`LISTEN ${CHANNEL}`);
  }
  let seenDataVersion = dataVersion?.() ?? 0;
  await reload();
  const timer = setInterval(reloadQuietly, options.reloadMs ?? 30_000);
  timer.unref();
  // On SQLite the open event streams hear a command's revocation within a second without
  // waiting for a request to notice the file changed (PostgreSQL's notice needs no timer).
  const watch = dataVersion ? setInterval(() => list.upToDate(), COMMAND_WATCH_MS) : null;
  watch?.unref();

  const list: RevocationList = {
    async revoke({ tenantId, kind, subject }, now = Date.now()) {
      await rdb
        .deleteFrom('token_revocations')
        .where('expires_at', '<=', new Date(now).toISOString())
        .execute();
      await rdb
        .insertInto('token_revocations')
        .values({
          id: randomUUID(),
          tenant_id: tenantId,
          kind,
          subject,
          not_before: new Date(now).toISOString(),
          expires_at: new Date(now + KEEP_MS).toISOString(),
        })
        .execute();
      // Refused here at once, with the desks the change it follows revoked; the other
      // processes on the notice.
      const key = keyOf(tenantId, kind, subject);
      made.push({ key, at: now });
      apply(key, now);
      // The open streams are re-checked once the desks the change revoked are read too (the
      // reload tells them), so a revoked desk's stream names its desk on either database.
      try {
        await reload();
      } catch (error) {
        onError('Revocation reload failed', error);
        changes.emit('change');
      }
      if (pool) await pool.query('select pg_notify($1, $2)', [CHANNEL, tenantId]);
    },
    refusal(token) {
      const { tenantId, userId } = token.principal;
      // A revoked desk's tokens, whenever issued and whatever else was revoked with it (its
      // user, its center: the desk's own notice may come first): the desk must erase.
      if (token.deskId !== null && revokedDesks.has(deskKeyOf(tenantId, token.deskId)))
        return 'device_revoked';
      const subjects: [RevocationKind, string | null][] = [
        ['family', token.familyId],
        ['user', userId],
        ['device', token.deskId],
      ];
      for (const [kind, subject] of subjects) {
        if (subject === null) continue;
        const since = notBefore.get(keyOf(tenantId, kind, subject));
        if (since !== undefined && token.issuedAtMs <= since) return REASON[kind];
      }
      return null;
    },
    deskRevocation(tenantId, deskId) {
      return revokedDesks.get(deskKeyOf(tenantId, deskId)) ?? null;
    },
    upToDate() {
      if (dataVersion) {
        const version = dataVersion();
        if (version !== seenDataVersion) {
          seenDataVersion = version;
          reloadBeforeRequests(viaPool);
        }
      }
      return awaited;
    },
    onChange(listener) {
      changes.on('change', listener);
      return () => void changes.off('change', listener);
    },
    reload,
    async close() {
      clearInterval(timer);
      if (watch) clearInterval(watch);
      if (listener) {
        await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        listener.release();
      }
    },
  };
  return list;
}
