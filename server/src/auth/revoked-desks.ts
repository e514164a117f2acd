import type { FastifyRequest } from 'fastify';
import { deskRevocationOf, deskRevokedError } from '../data/devices';
import type { ServerDb } from '../db/schema';
import type { HttpError } from '../http/route';
import { deskOf } from '../routes/update-feed-routes';
import type { Principal } from './access-tokens';
import type { RevocationList } from './revocation-list';

/**
 * What a revoked desk may still send: the records it holds for the retailer (wrap-ups, the
 * access audit, alerts, the agent's state). The desk pushes its outbox before it erases, so the
 * retailer keeps the agent's work; nothing here returns customer data.
 */
export const PUSHES_FROM_REVOKED_DESK: ReadonlySet<string> = new Set([
  'POST /v1/voc/batch',
  'POST /v1/audit/accesses',
  'POST /v1/floor/alerts',
  'POST /v1/agent-state/changes',
]);

const isPushFromRevokedDesk = (request: FastifyRequest) =>
  PUSHES_FROM_REVOKED_DESK.has(`${request.method} ${request.routeOptions.url ?? ''}`);

/**
 * Refuses every request but its record pushes from a desk the retailer revoked (`403
 * device_revoked`, with why in `error.reason`), pulls and the live stream included: the desk
 * hears it at its next contact, pushes what its outbox holds and erases its customer data. The
 * desk is the one its token names, else the one the request names; `listed`: the revocation
 * list already says the token's desk was revoked. Answers true for a revoked desk's push (let
 * by, whatever else refuses its token: its user disabled, its center's contract ended), false
 * for a desk that is not revoked. A client that names no desk (a browser, an integration) is not
 * a device and is let by. Asked of every request, so answered from the revocation list in
 * memory (no pool connection), which every revocation path keeps current (revocation-list.ts).
 */
export function revokedDeskGuard(revocations: RevocationList) {
  return (
    request: FastifyRequest,
    principal: Principal,
    tokenDeskId: string | null,
    listed: boolean,
  ): boolean => {
    const deskId = tokenDeskId ?? deskOf(request.headers).deskId;
    if (!deskId) return false;
    const reason = revocations.deskRevocation(principal.tenantId, deskId);
    if (!reason && !listed) return false;
    if (isPushFromRevokedDesk(request)) return true;
    throw deskRevokedError(reason);
  };
}

/**
 * A request refused because its center's contract ended, from a desk of that center: the desk's
 * own row says whether it was revoked with it. Read here rather than from the list, since the
 * command that disabled the center may be a moment ahead of its notice; only a disabled center's
 * requests come here, so the read is off the busy path. A revoked desk's record pushes are let
 * by (resolves), the rest told why; any other desk meets the center's refusal.
 */
export async function centerRefusalOfDesk(
  db: ServerDb,
  request: FastifyRequest,
  principal: Principal,
  tokenDeskId: string | null,
  refusal: HttpError,
): Promise<void> {
  const deskId = tokenDeskId ?? deskOf(request.headers).deskId;
  const reason = deskId ? await deskRevocationOf(db, principal.tenantId, deskId) : null;
  if (!reason) throw refusal;
  if (isPushFromRevokedDesk(request)) return;
  throw deskRevokedError(reason);
}
