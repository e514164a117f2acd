#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI, in .electron-native/, before `npm start` / `npm run dev`.
// Only needed for better-sqlite3 12 and older (node::ObjectWrap, one build per ABI); 13 and later
// are Node-API addons whose one binary loads in Node and Electron alike, and this does nothing.
//
// Why a separate copy: node_modules/better-sqlite3 stays built for Node's ABI, which `npm test`
// (vitest under plain Node) needs; Electron's main process needs a build for Electron's ABI. One
// copy cannot serve both, so Electron gets its own and the main process passes its .node file to
// better-sqlite3 as `nativeBinding` (src/main/shell/native-binding.ts reads the same layout).
//
// Layout (keep in step with src/main/shell/native-binding.ts):
//   .electron-native/better-sqlite3/                     a copy of node_modules/better-sqlite3
//   .electron-native/better-sqlite3/build/Release/better_sqlite3.node
//   .electron-native/better-sqlite3/koe-electron-build.json   { electron, platform, arch, betterSqlite3 }
// The marker is written only after a successful build; the app uses the binding only if the
// marker matches the running Electron, so a failed or stale build is never loaded.
//
// Run from the project root (npm does). Exit code 0: built or already up to date; 1: failed,
// with a message saying what to do.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

const root = process.cwd();
const sourceDir = join(root, 'node_modules', 'better-sqlite3');
const targetDir = join(root, '.electron-native', 'better-sqlite3');
const bindingFile = join(targetDir, 'build', 'Release', 'better_sqlite3.node');
const markerFile = join(targetDir, 'koe-electron-build.json');
const nodeBuildDir = join(sourceDir, 'build');

/** A download that cannot reach its server should fail in seconds, not hang `npm start`. */
const DOWNLOAD_TIMEOUT_MS = 90_000;
/** Compiling SQLite takes a minute or two; fetching Electron's headers is part of it. */
const COMPILE_TIMEOUT_MS = 10 * 60_000;

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function fail(lines) {
  console.error(
    ['', '✖ Koe: could not build better-sqlite3 for Electron.', ...lines, ''].join('\n'),
  );
  process.exit(1);
}

function run(label, command, args, timeout) {
  console.log(`  ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: targetDir,
    stdio: 'inherit',
    timeout,
    env: electronBuildEnv(),
  });
  if (result.error?.code === 'ETIMEDOUT') {
    console.error(`  ${label} gave up after ${Math.round(timeout / 1000)} s.`);
    return false;
  }
  if (result.error) {
    console.error(`  ${label} could not start: ${result.error.message}`);
    return false;
  }
  return result.status === 0;
}

/**
 * npm passes its config to scripts as npm_config_* variables, and node-gyp obeys them: a
 * `nodedir` (set on machines that build for Node offline) would compile against Node's headers
 * and produce a binary Electron refuses to load. Electron's headers are what this build needs.
 */
function electronBuildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source)$/i.test(key)) {
      delete env[key];
    }
  }
  return env;
}

/** node-gyp ships inside npm; npm tells scripts where (npm_config_node_gyp). */
function nodeGypScript() {
  // KOE_NODE_GYP names node-gyp explicitly (the script's own test sets one that is absent).
  if (process.env.KOE_NODE_GYP !== undefined) {
    return existsSync(process.env.KOE_NODE_GYP) ? process.env.KOE_NODE_GYP : null;
  }
  const candidates = [
    process.env.npm_config_node_gyp,
    join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
    join(
      dirname(process.execPath),
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  return candidates.find((file) => file && existsSync(file)) ?? null;
}

const electronPackage = readJson(join(root, 'node_modules', 'electron', 'package.json'));
const sqlitePackage = readJson(join(sourceDir, 'package.json'));
if (!electronPackage?.version) {
  fail(['node_modules/electron is missing. Run `npm install` first.']);
}
if (!sqlitePackage?.version) {
  fail(['node_modules/better-sqlite3 is missing. Run `npm install` first.']);
}

// better-sqlite3 13 and later is a Node-API addon: ABI-stable, so the prebuilt binary in its
// package loads in Electron's Node as it is, and there is nothing to build. A copy left from an
// older better-sqlite3 is removed so the app never loads it.
if (sqlitePackage.dependencies?.['node-addon-api']) {
  rmSync(join(root, '.electron-native'), { recursive: true, force: true });
  console.log(
    `Koe: better-sqlite3 ${sqlitePackage.version} is a Node-API addon; its own binary runs in Electron ${electronPackage.version}, nothing to build.`,
  );
  process.exit(0);
}

const wanted = {
  electron: electronPackage.version,
  platform: process.platform,
  arch: process.arch,
  betterSqlite3: sqlitePackage.version,
};
const current = readJson(markerFile);
if (
  existsSync(bindingFile) &&
  current &&
  Object.entries(wanted).every(([key, value]) => current[key] === value)
) {
  console.log(
    `Koe: better-sqlite3 ${wanted.betterSqlite3} is already built for Electron ${wanted.electron} (.electron-native/).`,
  );
  process.exit(0);
}

console.log(
  `Koe: building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch}) in .electron-native/ ...`,
);
// A fresh copy without Node's build: a failed build must not leave a Node-ABI binary behind.
rmSync(targetDir, { recursive: true, force: true });
mkdirSync(dirname(targetDir), { recursive: true });
cpSync(sourceDir, targetDir, {
  recursive: true,
  filter: (source) => source !== nodeBuildDir && !source.startsWith(nodeBuildDir + sep),
});

const prebuildInstall = join(root, 'node_modules', 'prebuild-install', 'bin.js');
const target = wanted.electron;
let built =
  existsSync(prebuildInstall) &&
  run(
    'Downloading a prebuilt binary',
    process.execPath,
    [
      prebuildInstall,
      '--runtime',
      'electron',
      '--target',
      target,
      '--arch',
      wanted.arch,
      '--verbose',
    ],
    DOWNLOAD_TIMEOUT_MS,
  );

if (!built) {
  const nodeGyp = nodeGypScript();
  if (nodeGyp) {
    console.log('  No prebuilt binary; compiling from source instead.');
    built = run(
      'Compiling',
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${target}`,
        `--arch=${wanted.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      COMPILE_TIMEOUT_MS,
    );
  } else {
    console.error('  node-gyp was not found, so compiling from source was not possible.');
  }
}

if (!built || !existsSync(bindingFile)) {
  rmSync(targetDir, { recursive: true, force: true });
  fail([
    `Neither a prebuilt binary (GitHub) nor Electron ${target}'s headers (electronjs.org) could be fetched,`,
    'or compiling failed (see the output above). This needs internet access, and for compiling,',
    'a C++ toolchain (Windows: Visual Studio Build Tools; macOS: Xcode CLT; Linux: build-essential, python3).',
    '',
    'Nothing else was changed: node_modules/better-sqlite3 is still built for Node, so `npm test` works.',
    'Retry with `npm run electron:native` once the network is available.',
  ]);
}

writeFileSync(markerFile, `${JSON.stringify(wanted, null, 2)}\n`);
console.log(`Koe: better-sqlite3 for Electron ${target} is ready (${bindingFile}).`);
