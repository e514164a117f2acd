import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Menu,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  powerMonitor,
  session,
  type BrowserWindow,
} from 'electron';
import type { Language } from '../../shared/domain';
import { shellMessages } from '../../shared/i18n/shell-messages';
import { showFloorNotifications } from './floor-notifications';
import { findKoeLinkInArgv } from '../core/links';
import { startKoeCore, type KoeCore } from '../core/koe-core';
import { AppError } from '../core/platform/errors';
import { discardCacheAndKeys } from '../core/cache-key';
import { resolveRetailerConnection } from '../retailer-connection';
import { connectIpc } from './ipc-bridge';
import { launchMode, preloadPath, protocolClientArgs } from './launch-mode';
import { buildMenuTemplate, type Appearance } from './menu';
import { electronNativeBinding } from './native-binding';
import { lockOnSystemLock } from './power-lock';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { safeStorageSessions } from './session-store';
import { safeStorageKeyVault } from './safe-storage-vault';
import { contentSecurityPolicy } from './security';
import { startUpdater } from './updater';
import { watchUpdateRequired } from '../core/updates';
import { createMainWindow, focusWindow, hardenSession } from './window';

const LINK_SCHEME = 'koe';

/**
 * The Electron app around the core: one instance, one window, koe:// links, the menu, updates.
 * Everything it decides is in pure modules next to it (security, launch-mode, menu, ipc-gate,
 * updater-policy, native-binding); this file only wires Electron's events to them.
 */
export function startKoeApp(): void {
  // A second launch (or a koe:// link on Windows/Linux) hands its argv to the first instance.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const mode = launchMode(app.isPackaged, process.env);
  const mainDir = import.meta.dirname;
  registerRendererScheme();
  app.setAsDefaultProtocolClient(
    LINK_SCHEME,
    ...protocolClientArgs(process.defaultApp ?? false, process.execPath, process.argv),
  );

  let core: KoeCore | null = null;
  let closeRetailer: () => Promise<void> = async () => {};
  let window: BrowserWindow | null = null;
  // Links that arrive before the core is up: on Windows/Linux in argv, on macOS via open-url.
  const pendingLinks: string[] = [];
  const firstLink = findKoeLinkInArgv(process.argv);
  if (firstLink) pendingLinks.push(firstLink);

  const openLink = (url: string) => {
    if (!core) {
      pendingLinks.splice(0, pendingLinks.length - 4); // a few at most; the newest win
      pendingLinks.push(url);
      return;
    }
    core.openLink(url);
    focusWindow(window);
  };

  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  app.on('second-instance', (_event, argv) => {
    focusWindow(window);
    const link = findKoeLinkInArgv(argv);
    if (link) openLink(link);
  });
  // No window but Koe's own may ever exist; this also covers anything a future change creates.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // One window: closing it ends the app on every platform (an agent expects that; macOS too).
  app.on('window-all-closed', () => app.quit());

  let quitConfirmed = false;
  let coreClosed = false;
  // Remembered when the core closes: quitting runs before-quit again after that, and the
  // updater must still see the call that was active when the agent quit.
  let callActiveAtClose = false;
  /** Asks before ending the app during a call; false keeps it running. Asks once per quit. */
  const mayQuit = (): boolean => {
    if (quitConfirmed || !core?.isCallActive()) return true;
    const t = shellMessages[core.locale()];
    const options = {
      type: 'warning' as const,
      title: t.quitDuringCallTitle,
      message: t.quitDuringCallTitle,
      detail: t.quitDuringCallMessage,
      buttons: [t.keepWorking, t.quitAnyway],
      defaultId: 0,
      cancelId: 0,
    };
    const choice =
      window && !window.isDestroyed()
        ? dialog.showMessageBoxSync(window, options)
        : dialog.showMessageBoxSync(options);
    quitConfirmed = choice === 1;
    return quitConfirmed;
  };
  // Quitting from the menu / Cmd+Q asks here, before any window closes...
  app.on('before-quit', (event) => {
    if (!mayQuit()) event.preventDefault();
  });
  app.on('will-quit', (event) => {
    if (!core || coreClosed) return;
    // Close the database cleanly (WAL checkpoint) before the process exits.
    event.preventDefault();
    quitConfirmed = true;
    const closing = core;
    callActiveAtClose = closing.isCallActive();
    core = null;
    closing
      .close()
      .then(() => closeRetailer())
      .catch((error: unknown) => console.error('Koe could not close its database', error))
      .finally(() => {
        coreClosed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      const csp = contentSecurityPolicy({ dev: mode.dev, devServerUrl: mode.rendererUrl });
      hardenSession(session.defaultSession, csp);
      serveRenderer(join(mainDir, '..', 'renderer'), csp);
      app.setAboutPanelOptions({ applicationName: 'Koe', applicationVersion: app.getVersion() });

      const nativeBinding = electronNativeBinding(
        app.getAppPath(),
        { electron: process.versions.electron, platform: process.platform, arch: process.arch },
        { exists: existsSync, read: readTextOrNull },
      );
      const dataDir = app.getPath('userData');
      const retailer = await resolveRetailerConnection({
        dataDir,
        sessions: await safeStorageSessions(dataDir),
      });
      closeRetailer = retailer.close;
      const start = () =>
        startKoeCore({
          dataDir,
          appVersion: app.getVersion(),
          systemLocale: app.getLocale(),
          ...(nativeBinding ? { nativeBinding } : {}),
          keyVault: safeStorageKeyVault(),
          retailer: retailer.connection,
          savedSessions: retailer.savedSessions,
          // Bundled by electron-vite next to index.js (see electron.vite.config.ts).
          syncWorkerEntry: { file: join(mainDir, 'sync-worker.js') },
          predictionWorkerEntry: { file: join(mainDir, 'prediction-worker.js') },
          readerWorkerEntry: { file: join(mainDir, 'reader-worker.js') },
        });
      const started = await start().catch(async (error: unknown) => {
        // A cache this desk can no longer open (its grant or keychain entry is gone): the
        // agent may start over with an empty cache, pulled again after sign-in.
        if (!(error instanceof AppError && error.code === 'cache_key_refused')) throw error;
        if (!askToStartOver(error, app.getLocale())) throw error;
        discardCacheAndKeys(dataDir);
        return start();
      });
      core = started;
      lockOnSystemLock(powerMonitor, started.lock);

      const setMenu = (locale: Language) => {
        Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(started, locale, mode.dev)));
      };
      setMenu(started.locale());
      started.events.subscribe((event, payload) => {
        if (event === 'app:localeChanged') setMenu((payload as { locale: Language }).locale);
      });
      showFloorNotifications(started, () => window);

      window = createMainWindow({
        rendererUrl: mode.rendererUrl,
        preloadPath: preloadPath(join(mainDir, '..', 'preload'), existsSync),
        dev: mode.dev,
        iconPath: join(app.getAppPath(), 'resources', 'icon.png'),
      });
      const disconnect = connectIpc(started, window.webContents, mode.rendererUrl, ipcMain);
      // ...and closing the window asks here, so "keep working" never leaves Koe windowless.
      window.on('close', (event) => {
        if (!mayQuit()) event.preventDefault();
      });
      window.on('closed', () => {
        disconnect();
        window = null;
      });

      // Links that arrived while starting: the event relay holds them until the page is ready.
      for (const url of pendingLinks.splice(0)) openLink(url);
      tellIfCacheIsMemoryOnly(started, window);

      startUpdater({
        dev: mode.dev,
        isCallActive: () => (core ? core.isCallActive() : callActiveAtClose),
        feed: () => started.updateFeed(),
        onNotice: (notice) => started.announceUpdate(notice),
        onCallStateChange: (listener) => started.desk.subscribe(() => listener()),
        onCheckNeeded: (listener) => watchUpdateRequired(started.events, listener),
      });
    })
    .catch((error: unknown) => {
      console.error('Koe could not start', error);
      dialog.showErrorBox('Koe', startFailureMessage(error));
      app.exit(1);
    });
}

function menuTemplate(core: KoeCore, locale: Language, dev: boolean) {
  return buildMenuTemplate(
    locale,
    {
      setLocale: (next) => {
        // Through the router like any renderer call: one path for every locale change.
        void core.router.handle('app:setLocale', { locale: next });
      },
      setAppearance: (appearance: Appearance) => {
        // The renderer follows prefers-color-scheme, which themeSource drives.
        nativeTheme.themeSource = appearance;
        Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(core, locale, dev)));
      },
    },
    { dev, isMac: process.platform === 'darwin', appearance: nativeTheme.themeSource },
  );
}

/**
 * Where no OS keychain can keep the cache key, the agent hears it once at start: the customer
 * data is kept for this run only and downloaded again next time.
 */
function tellIfCacheIsMemoryOnly(core: KoeCore, window: BrowserWindow): void {
  if (core.cacheProtection()?.mode !== 'memory_only') return;
  const t = shellMessages[core.locale()];
  void dialog.showMessageBox(window, {
    type: 'warning',
    title: t.cacheMemoryOnlyTitle,
    message: t.cacheMemoryOnlyTitle,
    detail: t.cacheMemoryOnlyMessage,
    buttons: [t.cacheMemoryOnlyOk],
  });
}

function askToStartOver(error: AppError, systemLocale: string): boolean {
  const t = shellMessages[systemLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en'];
  const choice = dialog.showMessageBoxSync({
    type: 'warning',
    title: t.cacheUnopenedTitle,
    message: t.cacheUnopenedTitle,
    detail: `${t.cacheUnopenedMessage}\n\n${error.message}`,
    buttons: [t.cacheStartOver, t.quit],
    defaultId: 1,
    cancelId: 1,
  });
  return choice === 0;
}

function startFailureMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  // The usual cause in development: better-sqlite3 built for Node's ABI, not Electron's.
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(detail)) {
    return `${detail}\n\nRun \`npm run electron:native\` (it needs internet access) and start Koe again.`;
  }
  return `Koe could not start.\n\n${detail}`;
}

function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
