import type { UpdateNotice } from '../../../shared/updates/update-notice';
import type { IpcServices } from '../platform/router';

/** The updates:notice channel: the update Koe has ready (none when the shell reported none). */
export function createUpdateServices(deps: {
  updateNotice?: (() => UpdateNotice | null) | undefined;
}): Pick<IpcServices, 'updates:notice'> {
  return { 'updates:notice': () => ({ notice: deps.updateNotice?.() ?? null }) };
}
