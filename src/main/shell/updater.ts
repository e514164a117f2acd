import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { createUpdatePolicy, type UpdateNotice } from '../core/updates/update-policy';
import { UPDATE_CHECK_INTERVAL_MS, updatesEnabled } from './updater-policy';

/** The retailer's update feed for this desk (GET /v1/updates/policy gives the channel). */
export interface UpdateFeed {
  retailerUrl: string;
  channel: string;
  /** Bearer token and the desk id / version headers, read fresh before every request. */
  requestHeaders(): Record<string, string>;
  /** The desk is below its center's minimum version: install as soon as it is idle. */
  required(): boolean;
}

export interface UpdaterOptions {
  dev: boolean;
  isCallActive(): boolean;
  /** The retailer feed; without it, the feed electron-builder wrote into app-update.yml. */
  feed?: UpdateFeed;
  /** Tells the agent when Koe will restart (shown by the window). */
  onNotice?(notice: UpdateNotice): void;
  /** Lets the caller report call-state changes to the policy (a waiting restart may go). */
  onCallStateChange?(listener: () => void): () => void;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The thin Electron half of updates: electron-updater's autoUpdater behind the core's update
 * policy (src/main/core/updates/update-policy.ts), which decides when an install may happen.
 * Never throws: an update server that is down is logged and the app carries on.
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
  autoUpdater.autoDownload = false;
  // Re-armed at quit by the policy; true until then so a finished download arms its handler.
  autoUpdater.autoInstallOnAppQuit = true;
  if (options.feed) {
    const base = options.feed.retailerUrl.replace(/\/+$/, '');
    autoUpdater.setFeedURL({
      provider: 'generic',
      url: `${base}/v1/updates/${encodeURIComponent(options.feed.channel)}`,
    });
  }
  autoUpdater.on('error', (error) => log('Update failed', error));

  const policy = createUpdatePolicy({
    updater: {
      check: async () => {
        if (options.feed) autoUpdater.requestHeaders = options.feed.requestHeaders();
        const result = await autoUpdater.checkForUpdates();
        return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
      },
      download: async () => {
        await autoUpdater.downloadUpdate();
      },
      quitAndInstall: () => autoUpdater.quitAndInstall(),
    },
    isCallActive: options.isCallActive,
    notify: (notice) => {
      log(`Update ${notice.version}: ${notice.kind === 'ready' ? notice.restart : 'restarting'}`);
      options.onNotice?.(notice);
    },
    log,
  });

  const onBeforeQuit = () => {
    autoUpdater.autoInstallOnAppQuit = policy.installOnQuit();
  };
  app.on('before-quit', onBeforeQuit);
  const stopWatchingCalls = options.onCallStateChange?.(() => policy.callStateChanged());

  const check = () => void policy.check({ required: options.feed?.required() ?? false });
  check();
  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopWatchingCalls?.();
    app.off('before-quit', onBeforeQuit);
  };
}
