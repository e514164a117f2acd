// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.js';

/** Node, the cache's driver and query builder, zod; tsx only to start a worker from TypeScript. */
const CORE_PACKAGES = ['node:', 'kysely', 'better-sqlite3', 'zod', 'tsx'];

/** The core's feature folders (src/main/core/<feature>/, each with an index.ts). */
const CORE_FEATURES = [
  'access-audit',
  'admin',
  'agent-state',
  'cache-key',
  'calls',
  'cti',
  'customers',
  'desk-lock',
  'erasure',
  'floor',
  'guidance',
  'insights',
  'links',
  'outreach',
  'predictions',
  'preferences',
  'privacy',
  'reader',
  'retailer-client',
  'studio',
  'sync',
  'updates',
  'wrap-up',
];

/**
 * The core as the shell, the main entry and the browser harness see it: its wiring (koe-core.ts
 * starts it), the platform's public files (errors.ts: the AppError a caller tells apart) and
 * each feature through its index.ts, never a file behind it.
 */
const CORE_PUBLIC = [
  'src/main/core/koe-core',
  'src/main/core/platform/errors',
  ...CORE_FEATURES.map((feature) => `src/main/core/${feature}/index`),
];

/** platform/, src/shared/ and the named core features, each through its index.ts only. */
const coreAllow = (features, files = []) => [
  'src/main/core/platform/',
  'src/shared/',
  ...features.map((feature) => `src/main/core/${feature}/index`),
  ...files.map((file) => `src/main/core/${file}`),
];

/**
 * A core feature folder (its tables, repository, service and IPC channels): it imports its own
 * files, platform/, src/shared/ and the features it names, through their index.ts; `files` are
 * the exceptions, each explained where it is listed.
 * @param {string} name @param {string[]} uses @param {string[]} [files]
 * @returns {import('./eslint/layers.js').Layer}
 */
const coreFeature = (name, uses, files = []) => ({
  name: `core ${name}`,
  files: [`src/main/core/${name}/`],
  allow: coreAllow(uses, files),
  packages: CORE_PACKAGES,
});

/** React, Mantine, the icons and i18next: what runs in the window's sandbox. */
const RENDERER_PACKAGES = [
  'react',
  'react-dom',
  '@mantine/core',
  '@mantine/hooks',
  '@mantine/charts',
  '@tabler/icons-react',
  'i18next',
  'react-i18next',
];

/**
 * A renderer feature folder (its screens, panels and hooks): it imports its own files,
 * src/shared/, the renderer's platform (app/, i18n/) and the features it names, through their
 * index.ts.
 * @param {string} name @param {string[]} uses
 * @returns {import('./eslint/layers.js').Layer}
 */
const rendererFeature = (name, uses) => ({
  name: `renderer ${name}`,
  files: [`src/renderer/src/${name}/`],
  allow: [
    'src/shared/',
    'src/renderer/src/app/',
    'src/renderer/src/i18n/',
    ...uses.map((feature) => `src/renderer/src/${feature}/index`),
  ],
  packages: RENDERER_PACKAGES,
});

/** The renderer's feature folders, named as the core's (src/main/core/<feature>/). */
const RENDERER_FEATURES = [
  rendererFeature('access-audit', []),
  rendererFeature('admin', ['customers', 'floor']),
  rendererFeature('agent-state', []),
  rendererFeature('calls', ['customers', 'guidance', 'predictions', 'wrap-up']),
  rendererFeature('cti', []),
  rendererFeature('customers', ['guidance']),
  rendererFeature('desk-lock', ['calls', 'wrap-up']),
  rendererFeature('floor', ['access-audit', 'insights']),
  rendererFeature('guidance', ['calls', 'floor', 'predictions']),
  rendererFeature('insights', []),
  rendererFeature('outreach', ['customers']),
  rendererFeature('predictions', []),
  rendererFeature('preferences', ['cti', 'desk-lock', 'sync']),
  rendererFeature('studio', ['guidance']),
  rendererFeature('sync', []),
  rendererFeature('updates', []),
  rendererFeature('wrap-up', ['customers', 'guidance', 'outreach']),
];

/**
 * Who may import what (ARCHITECTURE.md), as allow-lists: a file belongs to the layer with the
 * longest matching prefix (`files`) and imports only its own folder, the `allow` prefixes and
 * the `packages` ('node:' is Node's own modules). A file no layer covers is an error.
 * @type {import('./eslint/layers.js').Layer[]}
 */
export const layers = [
  { name: 'shared', files: ['src/shared/'], allow: [], packages: ['zod', 'libphonenumber-js'] },
  {
    // The renderer's platform: the window's entry, the app shell that composes the features (it
    // builds each through its index.ts), the IPC call and query hooks and the keyboard map.
    name: 'renderer app',
    files: ['src/renderer/src/app/', 'src/renderer/src/main.tsx', 'src/renderer/src/global.d.ts'],
    allow: [
      'src/shared/',
      'src/renderer/src/i18n/',
      ...RENDERER_FEATURES.map((feature) => `${feature.files[0]}index`),
    ],
    packages: RENDERER_PACKAGES,
  },
  // The catalogs' set-up and the formatters: no feature, no app.
  {
    name: 'renderer i18n',
    files: ['src/renderer/src/i18n/'],
    allow: ['src/shared/'],
    packages: RENDERER_PACKAGES,
  },
  ...RENDERER_FEATURES,
  { name: 'preload', files: ['src/preload/'], allow: ['src/shared/'], packages: ['electron'] },
  {
    // The entry composes the shell, the core and (for the demo) the embedded retailer.
    name: 'main entry',
    files: ['src/main/index.ts', 'src/main/retailer-connection.ts'],
    allow: [
      'src/main/shell/',
      'src/main/retailer-connection',
      ...CORE_PUBLIC,
      'src/shared/',
      'server/src/embedded',
    ],
    packages: ['node:', 'electron'],
  },
  {
    name: 'shell',
    files: ['src/main/shell/'],
    allow: [...CORE_PUBLIC, 'src/shared/', 'src/main/retailer-connection'],
    packages: ['node:', 'electron', 'electron-updater'],
  },
  {
    // The core's wiring: it builds the features and hands each what it needs (through index.ts).
    name: 'core wiring',
    files: ['src/main/core/koe-core.ts', 'src/main/core/services.ts'],
    allow: coreAllow(
      CORE_FEATURES,
      // koe-core.ts builds the IPC services with services.ts.
      ['services'],
    ),
    packages: CORE_PACKAGES,
  },
  {
    // The connection, schema, migrations, event bus, IPC router, errors and worker RPC: no
    // feature. The schema (database.ts) is the one exception: it puts the features' tables
    // together, so it may import their *.table files (types only).
    name: 'core platform',
    files: ['src/main/core/platform/'],
    allow: [
      'src/shared/',
      'src/main/core/access-audit/audit.table',
      'src/main/core/customers/after-sales.table',
      'src/main/core/customers/customer.table',
      'src/main/core/customers/interaction.table',
      'src/main/core/customers/order.table',
      'src/main/core/guidance/guidance.table',
      'src/main/core/sync/sync-state.table',
      'src/main/core/wrap-up/voc.table',
    ],
    packages: CORE_PACKAGES,
  },
  {
    name: 'core migrations',
    files: ['src/main/core/platform/migrations/'],
    allow: [],
    packages: ['kysely'],
  },
  coreFeature('access-audit', ['desk-lock', 'retailer-client', 'sync']),
  coreFeature('admin', ['retailer-client']),
  coreFeature('agent-state', ['calls', 'retailer-client', 'sync']),
  coreFeature('cache-key', ['sync']),
  coreFeature('calls', ['access-audit', 'customers', 'floor', 'predictions', 'privacy', 'wrap-up']),
  coreFeature('cti', ['calls']),
  coreFeature('customers', ['access-audit', 'calls', 'predictions', 'privacy', 'reader']),
  coreFeature('desk-lock', ['calls', 'guidance']),
  coreFeature('erasure', ['desk-lock', 'sync']),
  coreFeature('floor', ['retailer-client', 'sync']),
  coreFeature('guidance', []),
  coreFeature('insights', ['retailer-client']),
  coreFeature('links', []),
  // outreach-candidates.ts runs on the reader worker and outreach-table.ts on the sync worker:
  // they load only the customers' files they need (its row types and row mappers).
  coreFeature(
    'outreach',
    ['calls', 'customers', 'guidance', 'privacy', 'reader'],
    ['customers/customer.repository', 'customers/order.repository', 'customers/order.table'],
  ),
  // prediction-store.ts runs on the prediction worker: it loads only the file it needs.
  coreFeature('predictions', [], ['sync/pulled-change-counters']),
  coreFeature('preferences', ['reader', 'sync']),
  coreFeature('privacy', ['access-audit', 'calls', 'customers', 'guidance']),
  // The reader worker loads only the files its reads run, not the features' main-thread code.
  coreFeature(
    'reader',
    ['predictions'],
    [
      'customers/customer-search',
      'customers/customer.repository',
      'outreach/outreach-service',
      'predictions/prediction-service',
      'predictions/region-closures',
    ],
  ),
  coreFeature('retailer-client', ['sync']),
  coreFeature('studio', ['guidance', 'retailer-client']),
  // The sync worker (and its page decoder) applies pulled records with exactly these files,
  // rather than load the features' main-thread code (their index.ts) on its thread.
  coreFeature(
    'sync',
    ['calls', 'preferences'],
    [
      'customers/customer-index-entries',
      'erasure/local-erasure',
      'erasure/remove-records',
      'outreach/outreach-table',
    ],
  ),
  coreFeature('updates', ['retailer-client', 'sync']),
  coreFeature('wrap-up', [
    'calls',
    'customers',
    'guidance',
    'outreach',
    'predictions',
    'privacy',
    'sync',
  ]),
  {
    // The app's composition without Electron: the same core, CSP and retailer connection.
    name: 'browser harness',
    files: ['src/harness/'],
    allow: [
      ...CORE_PUBLIC,
      'src/shared/',
      'server/src/',
      'src/main/shell/security',
      'src/main/retailer-connection',
    ],
    packages: ['node:', 'esbuild'],
  },
  {
    name: 'retailer API',
    files: ['server/src/'],
    allow: ['src/shared/'],
    packages: [
      'node:',
      'fastify',
      '@fastify/compress',
      '@fastify/rate-limit',
      'kysely',
      'pg',
      'better-sqlite3',
      'zod',
      // The update feed's latest*.yml, in the format electron-updater reads.
      'js-yaml',
    ],
  },
  {
    // Tests, benchmarks, scripts and tool configuration may reach anything they exercise.
    name: 'tooling',
    files: [
      'tests/',
      'bench/',
      'scripts/',
      'resources/',
      'eslint/',
      'eslint.config.js',
      'electron.vite.config.ts',
      'electron-builder.config.mjs',
      'vitest.config.ts',
      'vitest.e2e.config.ts',
      'postcss.config.cjs',
    ],
    allow: [''],
    packages: ['*'],
  },
];

// The folders are the process boundaries (ARCHITECTURE.md): every file is checked against
// `layers`; src/shared also runs where there is no DOM.
const boundaries = [
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { koe: layersPlugin },
    rules: { 'koe/layers': ['error', { layers }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.electron-native/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/harness/bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...boundaries,
  {
    // Migrations are frozen in time: they see the database as Kysely<any> and import nothing of
    // the app, so a later change to the app can never change what an old migration does.
    files: [
      'src/main/core/platform/migrations/2*.ts',
      'server/src/db/migrations.ts',
      'server/src/db/*.migration.ts',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The server's list may import its migrations, each frozen in a file of its own.
              regex: '^(?!kysely$|kysely/migration$|\\./[\\w-]+\\.migration$)',
              message: 'A migration imports only kysely (and the list, its migrations).',
            },
          ],
        },
      ],
    },
  },
);
