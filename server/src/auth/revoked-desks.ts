import type { FastifyRequest } from 'fastify';
import type { ServerDb } from '../db/schema';
import type { DeviceTables } from '../data/devices';
import { HttpError } from '../http/route';
import { deskOf } from '../routes/update-feed-routes';
import type { Principal } from './access-tokens';

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

export const DEVICE_REVOKED_MESSAGE =
  'This desk has been removed by the retailer. Its customer data can no longer be opened here; ask your supervisor.';

const isPushFromRevokedDesk = (request: FastifyRequest) =>
  PUSHES_FROM_REVOKED_DESK.has(`${request.method} ${request.routeOptions.url ?? ''}`);

/**
 * A token issued to a desk since revoked (the revocation list says so, in every process within
 * moments): refused like the desk itself, but for the pushes of its records.
 */
export function refuseRevokedDeskToken(request: FastifyRequest): void {
  if (isPushFromRevokedDesk(request)) return;
  throw new HttpError(403, 'device_revoked', DEVICE_REVOKED_MESSAGE);
}

/**
 * Refuses every other request from a desk the retailer revoked (`403 device_revoked`), pulls
 * and the live stream included: the desk hears it at its next contact and erases its customer
 * data. A client that names no desk (a browser, an integration) is not a device and is let by.
 */
export function revokedDeskGuard(db: ServerDb) {
  const devices = db.withTables<DeviceTables>();
  return async (request: FastifyRequest, principal: Principal): Promise<void> => {
    const { deskId } = deskOf(request.headers);
    if (!deskId) return;
    if (isPushFromRevokedDesk(request)) return;
    const device = await devices
      .selectFrom('devices')
      .select('revoked')
      .where('tenant_id', '=', principal.tenantId)
      .where('desk_id', '=', deskId)
      .executeTakeFirst();
    if (device && Number(device.revoked) !== 0) {
      throw new HttpError(403, 'device_revoked', DEVICE_REVOKED_MESSAGE);
    }
  };
}
