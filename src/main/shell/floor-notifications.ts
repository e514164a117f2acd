import { Notification, type BrowserWindow } from 'electron';
import type { KoeCore } from '../core/koe-core';
import { floorNotificationText } from '../../shared/i18n/shell-messages';
import type { IpcEvents } from '../../shared/ipc';

/**
 * A desktop notification (with the system's sound) for each alert a supervisor must look at
 * now. The core decides which ones (`floor:notify`: a new alert of the center, an escalation for
 * the retailer admin); the shell only shows them, and a click brings Koe to the front.
 */
export function showFloorNotifications(
  core: KoeCore,
  window: () => BrowserWindow | null,
): () => void {
  return core.events.subscribe((event, payload) => {
    if (event !== 'floor:notify' || !Notification.isSupported()) return;
    const alert = payload as IpcEvents['floor:notify'];
    const notification = new Notification({
      ...floorNotificationText(core.locale(), alert),
      urgency: 'critical',
      silent: false,
    });
    notification.on('click', () => {
      const w = window();
      if (!w) return;
      if (w.isMinimized()) w.restore();
      w.show();
      w.focus();
    });
    notification.show();
  });
}
