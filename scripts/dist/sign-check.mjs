// @ts-check

/**
 * Which signing credentials the environment holds, per platform. electron-builder itself reads
 * them (CSC_LINK / CSC_KEY_PASSWORD for a .p12/.pfx on Windows and macOS, WIN_CSC_LINK for a
 * separate Windows certificate; APPLE_* for notarization); this only explains what will happen.
 *
 * @param {string} platform electron-builder's electronPlatformName
 * @param {Record<string, string | undefined>} env
 * @returns {{ signed: boolean; notarized: boolean; message: string }}
 */
export function signingStatus(platform, env) {
  const has = (/** @type {string} */ name) => Boolean(env[name]?.trim());
  if (platform === 'win32') {
    const signed = has('WIN_CSC_LINK') || has('CSC_LINK');
    return {
      signed,
      notarized: false,
      message: signed
        ? 'Windows: signing with the certificate in WIN_CSC_LINK/CSC_LINK.'
        : 'Windows: NOT signed — set WIN_CSC_LINK (or CSC_LINK) and WIN_CSC_KEY_PASSWORD. ' +
          'SmartScreen and device-management tools will warn about or refuse this installer.',
    };
  }
  if (platform === 'darwin' || platform === 'mas') {
    const signed = has('CSC_LINK') || has('CSC_NAME');
    const notarized =
      (has('APPLE_API_KEY') && has('APPLE_API_KEY_ID') && has('APPLE_API_ISSUER')) ||
      (has('APPLE_ID') && has('APPLE_APP_SPECIFIC_PASSWORD') && has('APPLE_TEAM_ID'));
    return {
      signed,
      notarized: signed && notarized,
      message: !signed
        ? 'macOS: NOT signed or notarized — set CSC_LINK and CSC_KEY_PASSWORD (Developer ID ' +
          'Application) and APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER. Gatekeeper will block it.'
        : notarized
          ? 'macOS: signed and notarized (APPLE_* credentials found).'
          : 'macOS: signed but NOT notarized — set APPLE_API_KEY, APPLE_API_KEY_ID and ' +
            'APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID).',
    };
  }
  return {
    signed: false,
    notarized: false,
    message:
      'Linux: AppImage and deb are not code-signed; publish their sha512 (latest-linux.yml) instead.',
  };
}

/**
 * electron-builder's afterSign hook: says plainly whether this build was signed and notarized.
 * electron-builder skips signing itself when no certificate is configured; this hook makes that
 * visible in the build log instead of a quiet unsigned installer.
 *
 * @param {{ electronPlatformName: string }} context
 */
export default async function afterSign(context) {
  const status = signingStatus(context.electronPlatformName, process.env);
  console[status.signed ? 'log' : 'warn'](`  • ${status.message}`);
}
