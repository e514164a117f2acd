// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'net',
  'url',
];

// Import boundaries (ARCHITECTURE.md): the folders are the process boundaries.
const boundaries = [
  {
    // Only the shell (and the preload, which cannot exist without contextBridge) touch Electron.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/main/shell/**', 'src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src/main/shell may import electron.' }] },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron'], message: 'src/shared runs anywhere.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/harness/**'],
              message: 'src/shared imports only src/shared.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron'], message: 'The renderer has no Node.' },
            {
              group: ['**/main/**', '**/preload/**', '**/harness/**', 'better-sqlite3', 'kysely'],
              message:
                'The renderer imports only src/shared and its own files; it talks to the core through window.koe.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src/main/shell may import electron.' }],
          patterns: [
            {
              group: ['**/shell/**', '**/renderer/**', '**/preload/**'],
              message: 'The core runs under plain Node and knows nothing of the shell or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', ...nodeBuiltins],
              message: 'The sandboxed preload imports only electron and src/shared.',
            },
          ],
        },
      ],
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
      'src/main/core/db/migrations/2*.ts',
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
