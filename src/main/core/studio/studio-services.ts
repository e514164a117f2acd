import type { ServicesOf } from '../platform/router';
import type { SignedInAgent } from '../../../shared/ipc';
import {
  authoringActions,
  authoringKinds,
  type AuthoringKindName,
} from '../../../shared/protocol/authoring-kinds';
import type { studioIpcHandlers } from '../../../shared/studio-ipc';
import { AppError } from '../platform/errors';
import type { StudioClient } from './studio-client';

export type StudioServices = ServicesOf<typeof studioIpcHandlers>;

const AUTHORS: readonly SignedInAgent['role'][] = ['trainer', 'retailer_admin'];

/**
 * The studio channels of every kind (`<channels>:<action>`): refused here for roles that may
 * not author (the server refuses them too), otherwise forwarded to the retailer as they came.
 * Nothing is cached: a trainer always edits what the server holds.
 */
export function createStudioServices(deps: {
  client: StudioClient | null;
  agent: () => SignedInAgent | null;
}): StudioServices {
  const client = (): StudioClient => {
    const role = deps.agent()?.role;
    if (!role || !AUTHORS.includes(role)) {
      throw new AppError(
        'forbidden',
        'Only trainers and retailer admins edit scripts and approved answers.',
      );
    }
    if (!deps.client)
      throw new AppError('unavailable', 'No retailer is configured.', 'no_retailer');
    return deps.client;
  };
  const services: Record<string, (input: never) => Promise<unknown>> = {};
  for (const kind of Object.keys(authoringKinds) as AuthoringKindName[]) {
    for (const action of authoringActions) {
      services[`${authoringKinds[kind].channels}:${action}`] = (input) =>
        client()[kind].request(action, input);
    }
  }
  // The router refuses to start when a channel of the contract has no service here.
  return services as unknown as StudioServices;
}
