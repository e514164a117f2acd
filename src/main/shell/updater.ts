import { app } from 'electron';
import electronUpdater from 'electron-updater';
import {
  UPDATE_CHECK_INTERVAL_MS,
  autoInstallOnAppQuit,
  decideUpdateAction,
  updatesEnabled,
} from './updater-policy';

export interface UpdaterOptions {
  dev: boolean;
  isCallActive(): boolean;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Background updates with electron-updater: download as soon as one is found, install when the
 * agent quits and no call is active (updater-policy.ts). Never throws: an update server that is
 * down, or a build without a publish config, is logged and the app carries on.
 *
 * Known limit: on macOS, Squirrel.Mac stages a downloaded update itself and applies it at any
 * quit; the deferral during a call is enforced on Windows and Linux.
 */
export function startUpdater(options: UpdaterOptions): () => void {
  const log =
    options.log ?? ((message, error) => console.error(`[updater] ${message}`, error ?? ''));
  if (!updatesEnabled({ isPackaged: app.isPackaged, dev: options.dev })) return () => {};

  // electron-updater is CommonJS: from an ES module its exports arrive on the default import.
  const { autoUpdater } = electronUpdater;
  let updateDownloaded = false;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (error) => log('Update failed', error));
  autoUpdater.on('update-downloaded', (info) => {
    updateDownloaded = true;
    log(`Update ${info.version} downloaded; it installs when Koe quits outside a call.`);
  });

  const onBeforeQuit = () => {
    const state = { updateDownloaded, quitting: true, callActive: options.isCallActive() };
    autoUpdater.autoInstallOnAppQuit = autoInstallOnAppQuit(state);
    if (decideUpdateAction(state) === 'wait') {
      log('A call is active: the downloaded update will install at the next quit.');
    }
  };
  app.on('before-quit', onBeforeQuit);

  const check = () => {
    autoUpdater.checkForUpdates().catch((error: unknown) => log('Update check failed', error));
  };
  check();
  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    app.off('before-quit', onBeforeQuit);
  };
}
