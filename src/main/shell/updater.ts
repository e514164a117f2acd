import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { createUpdatePolicy, type UpdateFeed, type UpdateNotice } from '../core/updates';
import { UPDATE_CHECK_INTERVAL_MS, updatesEnabled } from './updater-policy';

export interface UpdaterOptions {
  dev: boolean;
  isCallActive(): boolean;
  /**
   * Reads the retailer's feed before every check (its channel may change); a null answer (no
   * one signed in yet) skips that check. Without it, the feed electron-builder wrote into
   * app-update.yml.
   */
  feed?: () => Promise<UpdateFeed | null>;
  /** Tells the agent when Koe will restart (shown by the window). */
  onNotice?(notice: UpdateNotice): void;
  /** Lets the caller report call-state changes to the policy (a waiting restart may go). */
  onCallStateChange?(listener: () => void): () => void;
  /** Lets the caller ask for a check now (the retailer refused this version's sync). */
  onCheckNeeded?(listener: () => void): () => void;
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
  // The feed of the last check: its headers carry the agent's current token.
  let feed: UpdateFeed | null = null;
  autoUpdater.on('error', (error) => log('Update failed', error));

  const policy = createUpdatePolicy({
    updater: {
      check: async () => {
        if (feed) autoUpdater.requestHeaders = feed.requestHeaders();
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

  const check = async () => {
    if (options.feed) {
      const next = await options.feed().catch((error: unknown) => {
        log('The retailer update policy could not be read', error);
        return null;
      });
      if (!next) return;
      if (next.url !== feed?.url) autoUpdater.setFeedURL({ provider: 'generic', url: next.url });
      feed = next;
    }
    await policy.check({ required: feed?.required ?? false });
  };
  void check();
  const stopWatchingRefusals = options.onCheckNeeded?.(() => void check());
  const timer = setInterval(() => void check(), UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopWatchingCalls?.();
    stopWatchingRefusals?.();
    app.off('before-quit', onBeforeQuit);
  };
}
