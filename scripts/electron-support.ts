/**
 * Two facts about the Electron Koe ships, as pure functions (the registry look-up lives in
 * check-electron-support.ts; tests/unit/scripts/electron-support.test.ts checks both):
 *
 * 1. It still gets security fixes. Electron patches only its latest three stable majors
 *    (electronjs.org/docs/latest/tutorial/electron-timelines), so a pinned major that falls out
 *    of that window ships Chromium and Node holes that will never be fixed.
 * 2. The tests and the server run on the Node major Electron embeds, so what `npm test` proves
 *    about the main process's code holds inside the app. Electron's npm package declares the
 *    Node typings it is built against (`dependencies['@types/node']`, ^24 for Electron 40 to 45,
 *    whose embedded Node is 24.x); that major is the one `engines.node` must name.
 */

/** How many stable majors Electron supports at once: the latest and the two before it. */
export const SUPPORTED_ELECTRON_MAJORS = 3;

/** The major of a semver version ('45.6.1', 'v45.0.0-beta.2'), or null when it is not one. */
export function majorOf(version: string): number | null {
  const match = /^v?(\d+)\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.exec(version.trim());
  return match ? Number(match[1]) : null;
}

export interface SupportVerdict {
  supported: boolean;
  /** One line for the CI log, saying what was compared and what to do. */
  message: string;
}

/**
 * Whether the installed Electron is within the supported majors, given the registry's latest
 * stable version. A major above the latest stable (a beta) counts as supported: it is where the
 * fixes land first.
 */
export function electronSupportVerdict(installed: string, latest: string): SupportVerdict {
  const installedMajor = majorOf(installed);
  const latestMajor = majorOf(latest);
  if (installedMajor === null) {
    return { supported: false, message: `installed Electron "${installed}" is not a version` };
  }
  if (latestMajor === null) {
    return {
      supported: false,
      message: `the registry's latest Electron "${latest}" is not a version`,
    };
  }
  const oldestSupported = latestMajor - (SUPPORTED_ELECTRON_MAJORS - 1);
  if (installedMajor >= oldestSupported) {
    return {
      supported: true,
      message: `Electron ${installed} is supported (latest ${latest}; patched majors ${oldestSupported}–${latestMajor})`,
    };
  }
  return {
    supported: false,
    message:
      `Electron ${installed} no longer gets security fixes: Electron patches only majors ` +
      `${oldestSupported}–${latestMajor} (latest ${latest}). Move package.json's "electron" to ` +
      `^${latestMajor} (check src/main/shell against docs/breaking-changes.md) and the Node the ` +
      `tests run on to the one it embeds.`,
  };
}

/**
 * The Node major a package.json `engines.node` pins. Only a caret range on one major
 * ('^24.11.0') counts: .ci/run installs that major, so the range must name exactly one.
 */
export function pinnedNodeMajor(range: string): number | null {
  const match = /^\^(\d+)\.\d+\.\d+$/.exec(range.trim());
  return match ? Number(match[1]) : null;
}

/** The Node major Electron embeds, read from the `@types/node` range its package depends on. */
export function electronNodeMajor(electronPackage: {
  dependencies?: Record<string, string>;
}): number | null {
  const range = electronPackage.dependencies?.['@types/node'];
  const match = range ? /^[\^~]?(\d+)\./.exec(range.trim()) : null;
  return match ? Number(match[1]) : null;
}
