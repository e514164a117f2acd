import type { IpcServices } from '../ipc/router';
import type { SignedInAgent } from '../../../shared/ipc';
import type { studioIpcHandlers } from '../../../shared/studio-ipc';
import { AppError } from '../errors';
import type { StudioClient } from './studio-client';

type StudioChannel = keyof typeof studioIpcHandlers;
export type StudioServices = Pick<IpcServices, StudioChannel>;

const AUTHORS: readonly SignedInAgent['role'][] = ['trainer', 'retailer_admin'];

/**
 * The studio channels: refused here for roles that may not author (the server refuses them
 * too), otherwise forwarded to the retailer. Nothing is cached: a trainer always edits what the
 * server holds.
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
  return {
    'studio:list': () => client().list(),
    'studio:get': ({ scriptId }) => client().get(scriptId),
    'studio:version': ({ scriptId, version }) => client().version(scriptId, version),
    'studio:saveDraft': ({ scriptId, content }) => client().saveDraft(scriptId, content),
    'studio:publish': (request) => client().publish(request),
    'studio:rollback': (request) => client().rollback(request),
    'answers:list': () => client().answers.list(),
    'answers:get': ({ answerId }) => client().answers.get(answerId),
    'answers:version': ({ answerId, version }) => client().answers.version(answerId, version),
    'answers:saveDraft': ({ answerId, content }) => client().answers.saveDraft(answerId, content),
    'answers:publish': (request) => client().answers.publish(request),
    'answers:rollback': (request) => client().answers.rollback(request),
  };
}
