/**
 * When the desk checks, downloads and installs an update. Plain Node: the shell hands it a thin
 * port over electron-updater, the core tells it about calls.
 *
 * Rules, because the agent may have a customer on the line:
 *  - checks and downloads run in the background at any time;
 *  - an install (which restarts Koe) NEVER happens while a call is active or a wrap-up is
 *    unsaved (`isCallActive()` covers both): it waits for the desk to be idle;
 *  - an ordinary update installs when the agent quits Koe outside a call;
 *  - an update the retailer requires (the desk is below its center's minimum version, so it
 *    gets no customer data) restarts Koe as soon as the desk is idle;
 *  - the agent is told, before it happens, when the restart will be (`UpdateNotice`).
 */

import type { UpdateNotice } from '../../../shared/updates/update-notice';

/** What the shell provides over electron-updater. */
export interface UpdaterPort {
  /** Asks the feed; resolves with the offered version when it is newer than this desk's. */
  check(): Promise<{ version: string } | null>;
  /** Downloads the offered update in the background and verifies its sha512. */
  download(): Promise<void>;
  /** Quits Koe and installs the downloaded update (restarts Koe). */
  quitAndInstall(): void;
}

export type { UpdateNotice };

export interface UpdatePolicyOptions {
  updater: UpdaterPort;
  /** A call is ringing, live or waiting for its wrap-up to be saved. */
  isCallActive(): boolean;
  notify(notice: UpdateNotice): void;
  log?(message: string, error?: unknown): void;
}

export interface UpdatePolicy {
  /** Checks the feed and downloads what it offers; `required` when the retailer demands it. */
  check(options?: { required?: boolean }): Promise<void>;
  /** Call state changed (a call ended, a wrap-up was saved): a waiting restart may go now. */
  callStateChanged(): void;
  /** At quit: whether the downloaded update may install now (false during a call). */
  installOnQuit(): boolean;
}

export function createUpdatePolicy(options: UpdatePolicyOptions): UpdatePolicy {
  const log = options.log ?? (() => {});
  let downloaded: string | null = null;
  let required = false;
  let restarting = false;
  let checking: Promise<void> | null = null;

  const restartIfIdle = () => {
    if (!downloaded || !required || restarting || options.isCallActive()) return;
    restarting = true;
    options.notify({ kind: 'restarting', version: downloaded });
    options.updater.quitAndInstall();
  };

  const announce = () => {
    if (!downloaded) return;
    if (required && !options.isCallActive()) return restartIfIdle();
    options.notify({
      kind: 'ready',
      version: downloaded,
      restart: required ? 'after-call' : 'at-quit',
    });
  };

  async function run(): Promise<void> {
    const offered = await options.updater.check();
    if (!offered) return;
    if (offered.version !== downloaded) {
      await options.updater.download();
      downloaded = offered.version;
    }
    announce();
  }

  return {
    async check(checkOptions = {}) {
      required ||= checkOptions.required === true;
      // One check at a time: a timer tick during a slow download does not start another.
      checking ??= run()
        .catch((error: unknown) => log('Update check failed', error))
        .finally(() => {
          checking = null;
        });
      await checking;
    },
    callStateChanged: restartIfIdle,
    installOnQuit: () => downloaded !== null && !options.isCallActive(),
  };
}
