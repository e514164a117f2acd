import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The test tree mirrors the code tree, so "where are the tests of X?" has one answer: every
 * folder under tests/unit and tests/integration names the code folder it tests, and a test
 * borrows helpers only from its own folder or from tests/fixtures (a helper two folders need
 * lives there). Test-only folders that name no code — the old `prediction/`, `ipc/`, `workers/` —
 * fail here.
 */
const TEST_ROOTS = ['tests/unit', 'tests/integration'];

/** Where a test folder's first segment points, when it is not a desk-core feature. */
const ROOTS: Record<string, string> = {
  shared: 'src/shared',
  server: 'server/src',
  shell: 'src/main/shell',
  preload: 'src/preload',
  harness: 'src/harness',
  renderer: 'src/renderer/src',
  scripts: 'scripts',
  bench: 'bench',
  lint: 'eslint',
};

/** The code folder a test folder (relative to its test root) mirrors. */
export function codeFolderOf(testFolder: string): string {
  const [first = '', ...rest] = testFolder.split('/');
  return join(ROOTS[first] ?? join('src/main/core', first), ...rest);
}

function foldersUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => {
      const folder = prefix ? `${prefix}/${e.name}` : e.name;
      return [folder, ...foldersUnder(join(dir, e.name), folder)];
    });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** Test folders whose code folder does not exist. */
export function foldersNamingNoCode(root: string, folders: string[]): string[] {
  return folders.filter((f) => !isDirectory(codeFolderOf(f))).map((f) => `${root}/${f}`);
}

const RELATIVE_SPECIFIER =
  /(?:from\s+|import\s*\(\s*|new URL\(\s*|vi\.mock\(\s*)['"](\.\.?\/[^'"]+)['"]/g;

/**
 * Imports of `file` (repository-relative) that reach a helper in another test folder rather than
 * its own folder or tests/fixtures.
 */
export function borrowedHelpers(file: string, source: string): string[] {
  const here = dirname(file);
  return [...source.matchAll(RELATIVE_SPECIFIER)]
    .map((m) => m[1]!)
    .filter((specifier) => {
      const target = normalize(join(here, specifier));
      if (!target.startsWith(`tests${sep}`)) return false;
      return dirname(target) !== here && !target.startsWith(join('tests', 'fixtures') + sep);
    });
}

describe('the test tree mirrors the code tree', () => {
  it('names a code folder with every test folder', () => {
    const strays = TEST_ROOTS.flatMap((root) => foldersNamingNoCode(root, foldersUnder(root)));
    expect(strays).toEqual([]);
  });

  it('borrows helpers only from its own folder or tests/fixtures', () => {
    const borrowed = TEST_ROOTS.flatMap((root) =>
      filesUnder(root)
        .filter((f) => /\.(ts|tsx)$/.test(f))
        .flatMap((f) =>
          borrowedHelpers(f, readFileSync(f, 'utf8')).map((s) => `${relative('.', f)}: ${s}`),
        ),
    );
    expect(borrowed).toEqual([]);
  });

  it('refuses a folder that names no code, and a helper borrowed across folders', () => {
    expect(
      foldersNamingNoCode('tests/unit', ['prediction', 'sync', 'server/live', 'shared/guidance']),
    ).toEqual(['tests/unit/prediction']);
    expect(codeFolderOf('server/routes')).toBe(join('server/src', 'routes'));
    const importOf = (specifier: string) => `import * as m from '${specifier}';\n`;
    expect(
      borrowedHelpers(
        'tests/integration/privacy/x.test.ts',
        [
          '../sync/sync-client',
          '../../fixtures/test-server',
          './helper',
          '../../../src/main/core/sync',
        ]
          .map(importOf)
          .join(''),
      ),
    ).toEqual(['../sync/sync-client']);
  });
});
