/**
 * When Koe may install an update. Updates download in the background and install only when the
 * agent quits, never during a call: restarting mid-call would drop the customer's record, the
 * guidance and an unsaved wrap-up in front of a customer who is still on the line.
 *
 *   no update downloaded               → 'none'
 *   downloaded, no call active         → 'install-on-quit' (installed when the agent quits)
 *   downloaded, a call is active       → 'wait'
 *
 * 'wait' at the moment of quitting (the agent quits mid-call or during wrap-up) means the app
 * quits without installing: the downloaded update stays in the updater's cache, is found again
 * at the next start, and installs at the next quit without a call. The installer is never what
 * stands between an agent and a quick restart during a call.
 */
export type UpdateAction = 'install-on-quit' | 'wait' | 'none';

export interface UpdateState {
  updateDownloaded: boolean;
  /** The app is quitting now (before-quit); the decision is final for this session. */
  quitting: boolean;
  /** The agent is on a call or wrapping one up (KoeCore.isCallActive). */
  callActive: boolean;
}

export function decideUpdateAction({ updateDownloaded, callActive }: UpdateState): UpdateAction {
  if (!updateDownloaded) return 'none';
  // Whether quitting or not, a call in progress defers the install; when quitting, to the
  // next quit (see above).
  return callActive ? 'wait' : 'install-on-quit';
}

/**
 * The value for electron-updater's `autoInstallOnAppQuit`, which it reads when the app quits.
 * Until the app is quitting it stays true: electron-updater only arms its quit handler if the
 * flag is true when the download completes, so turning it off early would lose the update for
 * the whole session. At quit time it follows the decision above.
 */
export function autoInstallOnAppQuit(state: UpdateState): boolean {
  if (!state.quitting) return true;
  return decideUpdateAction(state) === 'install-on-quit';
}

/** Checks for updates this often; downloads happen right after a check finds one. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** Updates run only in a packaged production build: a dev build has nothing to update. */
export function updatesEnabled({ isPackaged, dev }: { isPackaged: boolean; dev: boolean }) {
  return isPackaged && !dev;
}
