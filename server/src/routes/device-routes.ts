import { deviceList, deviceSummary } from '../../../src/shared/protocol/devices';
import { listDevices, revokeDevice } from '../data/devices';
import { latestSequence } from '../data/change-log';
import type { RevocationList } from '../auth/revocation-list';
import type { ServerStore } from '../db/connect';
import { defineRoute, SUPERVISOR_ROLES, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';

/** The desks registered with the retailer: listed and revoked by its admin or a supervisor. */
export function deviceRoutes({
  store,
  notifier,
  revocations,
}: {
  store: ServerStore;
  notifier: ChangeNotifier;
  revocations: RevocationList;
}): RouteSpec[] {
  const db = store.db;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/devices',
      summary: "The retailer's registered desks (a supervisor sees their own center's)",
      roles: SUPERVISOR_ROLES,
      response: deviceList,
      handler: async ({ principal }) => ({ devices: await listDevices(db, principal) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/devices/:deskId/revoke',
      summary: 'Revoke a desk: it is refused its device grant from now on',
      roles: SUPERVISOR_ROLES,
      response: deviceSummary,
      handler: async ({ principal, request }) => {
        const { deskId } = request.params as { deskId: string };
        const device = await revokeDevice(db, principal, deskId);
        // The desk's access tokens stop working too, and its open event stream ends.
        await revocations.revoke({ tenantId: principal.tenantId, kind: 'device', subject: deskId });
        // Every desk of the retailer that is online pulls within seconds (any process holding
        // its stream): the revoked one is refused (device_revoked) and erases its customer data.
        await notifier.publish(principal.tenantId, await latestSequence(db, principal.tenantId));
        return device;
      },
    }),
  ];
}
