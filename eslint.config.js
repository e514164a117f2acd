// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.js';

/**
 * Who may import what (ARCHITECTURE.md), as allow-lists: a file belongs to the layer with the
 * longest matching prefix (`files`) and imports only its own folder, the `allow` prefixes and
 * the `packages` ('node:' is Node's own modules). A file no layer covers is an error.
 * @type {import('./eslint/layers.js').Layer[]}
 */
export const layers = [
  { name: 'shared', files: ['src/shared/'], allow: [], packages: ['zod', 'libphonenumber-js'] },
  {
    name: 'renderer',
    files: ['src/renderer/'],
    allow: ['src/shared/'],
    packages: [
      'react',
      'react-dom',
      '@mantine/core',
      '@mantine/hooks',
      '@mantine/charts',
      '@tabler/icons-react',
      'i18next',
      'react-i18next',
    ],
  },
  { name: 'preload', files: ['src/preload/'], allow: ['src/shared/'], packages: ['electron'] },
  {
    // The entry composes the shell, the core and (for the demo) the embedded retailer.
    name: 'main entry',
    files: ['src/main/index.ts', 'src/main/retailer-connection.ts'],
    allow: ['src/main/', 'src/shared/', 'server/src/embedded'],
    packages: ['node:', 'electron'],
  },
  {
    name: 'shell',
    files: ['src/main/shell/'],
    allow: ['src/main/core/', 'src/shared/', 'src/main/retailer-connection'],
    packages: ['node:', 'electron', 'electron-updater'],
  },
  {
    name: 'core',
    files: ['src/main/core/'],
    allow: ['src/shared/'],
    packages: ['node:', 'kysely', 'better-sqlite3', 'zod', 'tsx'],
  },
  {
    name: 'core migrations',
    files: ['src/main/core/platform/migrations/'],
    allow: [],
    packages: ['kysely'],
  },
  {
    // The app's composition without Electron: the same core, CSP and retailer connection.
    name: 'browser harness',
    files: ['src/harness/'],
    allow: [
      'src/main/core/',
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
