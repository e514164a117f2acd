// @ts-check
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * The Electron fuses Koe ships with: the one list the afterPack hook flips and the tests read.
 * A desk holds customer data, so nothing may turn the signed app into a general Node runtime or
 * attach a debugger to it, and the app code must be the asar that was signed.
 *
 * @type {import('@electron/fuses').FuseV1Config}
 */
export const KOE_FUSES = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 Koe.exe script.js` would run any script with the app's identity.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS=--require … would inject code before the app starts.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let another local process read customer data from the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar must match the hash electron-builder embeds at pack time (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // …and the app loads only from that asar, not from a loose app/ folder dropped beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Cookies at rest encrypted with the OS keychain key, like the rest of the desk's data.
  [FuseV1Options.EnableCookieEncryption]: true,
};
