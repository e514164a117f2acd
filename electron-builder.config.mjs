// @ts-check

/**
 * How Koe is packaged for contact centers (electron-builder 26): `npm run dist`.
 * Signing, notarization and the fuses run in the hooks under scripts/dist/; credentials come
 * only from environment variables (see README "Shipping Koe").
 *
 * @type {import('electron-builder').Configuration}
 */
const config = {
  appId: 'jp.koe.desk',
  productName: 'Koe',
  executableName: 'koe',
  copyright: 'Koe',
  directories: { output: 'dist', buildResources: 'resources' },
  // What electron-vite built, and package.json; production node_modules are added by
  // electron-builder itself. Sources, tests, benchmarks, the reference server's sources and any
  // local data never enter the package.
  files: [
    'out/**/*',
    'package.json',
    '!**/*.map',
    '!src{,/**/*}',
    '!tests{,/**/*}',
    '!bench{,/**/*}',
    '!server{,/**/*}',
    '!scripts{,/**/*}',
    '!.data{,/**/*}',
    '!dist{,/**/*}',
    '!**/*.{ts,tsx}',
    '!**/*.sqlite{,-wal,-shm}',
  ],
  asar: true,
  // A native module cannot be loaded from inside an asar archive. node_modules/better-sqlite3
  // is better-sqlite3-multiple-ciphers (package.json installs it under that name).
  asarUnpack: ['**/node_modules/better-sqlite3/**/*', '**/*.node'],
  // better-sqlite3 13 is a Node-API addon: one prebuilt binary works in Node 24 and in Electron
  // 45 alike (see scripts/build-electron-native.mjs for the ABI check), so nothing is rebuilt
  // against Electron's headers at pack time.
  npmRebuild: false,
  afterPack: './scripts/dist/after-pack.mjs',
  afterSign: './scripts/dist/sign-check.mjs',
  protocols: [{ name: 'Koe call link', schemes: ['koe'] }],
  // electron-updater's generic provider; the desk sets the real URL (retailer + channel) at run
  // time with setFeedURL, this only makes electron-builder write latest*.yml.
  publish: [{ provider: 'generic', url: 'https://retailer.invalid/v1/updates/stable' }],
  win: {
    icon: 'resources/icon.png',
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] },
    ],
    // Signed by electron-builder with WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD (or CSC_*) when
    // present; unsigned otherwise, which the afterSign hook says in the build log.
  },
  nsis: {
    // One install for every agent who signs in to a shared desk, in Program Files; `/S` installs
    // silently (device management: `Koe-Setup-<version>.exe /S`).
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: true,
    deleteAppDataOnUninstall: false,
    artifactName: 'Koe-Setup-${version}.${ext}',
  },
  msi: {
    // For Intune / SCCM / GPO, which prefer an MSI: `msiexec /i Koe-<version>.msi /qn`.
    perMachine: true,
    oneClick: true,
    upgradeCode: '5b0c3c2e-7a4f-4a7e-9d55-4f3c3f2a6b11',
    artifactName: 'Koe-${version}.${ext}',
  },
  mac: {
    icon: 'resources/icon.png',
    category: 'public.app-category.business',
    target: [
      { target: 'dmg', arch: ['universal'] },
      // electron-updater updates a Mac from the zip.
      { target: 'zip', arch: ['universal'] },
    ],
    hardenedRuntime: true,
    // Notarized by electron-builder when APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER (or
    // APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID) are set; skipped with a warning if not.
    notarize: true,
  },
  dmg: { artifactName: 'Koe-${version}.${ext}' },
  linux: {
    icon: 'resources/icon.png',
    category: 'Office',
    target: ['AppImage', 'deb'],
    maintainer: 'Koe <support@koe.invalid>',
    // Registers the koe:// handler in the .desktop file.
    mimeTypes: ['x-scheme-handler/koe'],
  },
  deb: { depends: ['libnss3', 'libsecret-1-0'] },
};

export default config;
