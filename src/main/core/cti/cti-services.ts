import type { CtiInfo } from '../../../shared/ipc';
import type { IpcServices } from '../platform/router';

/** The cti:info channel: how connectors reach this desk's CTI bridge (null without one). */
export function createCtiServices(deps: {
  cti?: (() => CtiInfo | null) | undefined;
}): Pick<IpcServices, 'cti:info'> {
  return { 'cti:info': () => deps.cti?.() ?? null };
}
