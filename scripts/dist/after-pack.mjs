// @ts-check
import { join } from 'node:path';
import { flipFuses } from '@electron/fuses';
import { KOE_FUSES } from './fuses.mjs';

/**
 * The packed Electron executable of one platform build, as electron-builder lays it out.
 *
 * @param {{ appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string; productName: string }; executableName?: string } }} context
 */
export function packedElectronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') {
    return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  }
  return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename.toLowerCase());
}

/**
 * electron-builder's afterPack hook: flips the fuses (fuses.mjs) in the packed binary before it
 * is signed, so the signature covers the hardened binary. Fails the build if the binary has no
 * fuse wire: an unhardened desk must not ship by accident.
 *
 * @param {Parameters<typeof packedElectronBinary>[0]} context
 */
export default async function afterPack(context) {
  const binary = packedElectronBinary(context);
  await flipFuses(binary, {
    ...KOE_FUSES,
    // An unsigned arm64 macOS build needs a fresh ad-hoc signature after its bytes change.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
  });
  console.log(`  • fuses flipped in ${binary}`);
}
