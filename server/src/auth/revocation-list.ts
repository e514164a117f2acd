import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { ServerDb } from '../db/schema';
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

const CHANNEL = 'koe_revocations';

/**
 * The access tokens that stopped working before they expire, held in memory by every server
 * process and checked on every request (a map lookup, no database read). A revocation is a row
 * in `token_revocations` (tokens of that family, user or desk issued before its time are
 * refused); the process that records it applies it at once and tells the others, which reload
 * the short list: through PostgreSQL LISTEN/NOTIFY, like the floor's events, or in-process on
 * SQLite. A reload every `reloadMs` covers a notice lost with a dropped listening connection.
 */
export interface RevocationList {
  /** Records a revocation (after the change it follows has committed) and spreads it. */
  revoke(revocation: Revocation, now?: number): Promise<void>;
  /** Why this verified token is refused, or null while it still works. */
  refusal(token: VerifiedToken): RevocationReason | null;
  /** Called whenever the list may have grown (open event streams re-check their tokens). */
  onChange(listener: () => void): () => void;
  /** Reads the list again from the database (done on start, on notice and periodically). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const keyOf = (tenantId: string, kind: RevocationKind, subject: string) =>
  `${tenantId}\n${kind}\n${subject}`;

export async function createRevocationList(
  db: ServerDb,
  pool: pg.Pool | null,
  options: { reloadMs?: number; onError?: (message: string, error: unknown) => void } = {},
): Promise<RevocationList> {
  const rdb = db.withTables<RevocationTables>();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  /** key → the time (ms) before which that subject's tokens are refused. */
  let notBefore = new Map<string, number>();
  /** Revocations made here since start, merged into every reload until they lapse. */
  const made: { key: string; at: number }[] = [];
  const onError = options.onError ?? (() => {});

  const apply = (key: string, at: number) => {
    if ((notBefore.get(key) ?? -Infinity) < at) notBefore.set(key, at);
  };

  let loading: Promise<void> | null = null;
  let again = false;
  const loadOnce = async () => {
    const now = Date.now();
    const rows = await rdb
      .selectFrom('token_revocations')
      .select(['tenant_id', 'kind', 'subject', 'not_before'])
      .where('expires_at', '>', new Date(now).toISOString())
      .execute();
    const next = new Map<string, number>();
    notBefore = next;
    for (const r of rows)
      apply(keyOf(r.tenant_id, r.kind as RevocationKind, r.subject), Date.parse(r.not_before));
    for (let i = made.length - 1; i >= 0; i--) {
      if (made[i]!.at + KEEP_MS <= now) made.splice(i, 1);
      else apply(made[i]!.key, made[i]!.at);
    }
    changes.emit('change');
  };
  /** One reload at a time; a notice during one asks for another after it. */
  const reload = async (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        do {
          again = false;
          await loadOnce();
        } while (again);
      } finally {
        loading = null;
      }
    })();
    return loading;
  };
  const reloadQuietly = () => void reload().catch((e) => onError('Revocation reload failed', e));

  let listener: pg.PoolClient | null = null;
  if (pool) {
    listener = await pool.connect();
    listener.on('notification', (message) => {
      if (message.channel === CHANNEL) reloadQuietly();
    });
    await listener.query(`LISTEN ${CHANNEL}`);
  }
  await reload();
  const timer = setInterval(reloadQuietly, options.reloadMs ?? 30_000);
  timer.unref();

  return {
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
      // Refused here at once; the other processes on the notice.
      const key = keyOf(tenantId, kind, subject);
      made.push({ key, at: now });
      apply(key, now);
      changes.emit('change');
      if (pool) await pool.query('select pg_notify($1, $2)', [CHANNEL, tenantId]);
    },
    refusal(token) {
      const { tenantId, userId } = token.principal;
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
    onChange(listener) {
      changes.on('change', listener);
      return () => void changes.off('change', listener);
    },
    reload,
    async close() {
      clearInterval(timer);
      if (listener) {
        await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        listener.release();
      }
    },
  };
}
