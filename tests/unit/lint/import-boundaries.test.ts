import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The process boundaries of ARCHITECTURE.md are an allow-list lint rule (`koe/layers`, see
 * eslint.config.js); this proves the rule bites, on the holes the old deny-lists had too.
 */
const eslint = new ESLint();

/** The imports of `source` (as `filePath`) the layers refuse, by specifier. */
async function refused(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'koe/layers')
    .map((m) => specifierOf(source, m.line));
}

function specifierOf(source: string, line: number): string {
  const text = source.split('\n')[line - 1] ?? '';
  return /from '([^']+)'/.exec(text)?.[1] ?? text;
}

const imports = (...specifiers: string[]) =>
  specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n') +
  `\nexport const all = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n`;

describe('import boundaries', () => {
  it('only the shell and the preload may import electron', async () => {
    expect(await refused('src/main/shell/window.ts', imports('electron'))).toEqual([]);
    expect(await refused('src/preload/index.ts', imports('electron'))).toEqual([]);
    for (const file of [
      'src/main/core/x.ts',
      'src/shared/x.ts',
      'src/renderer/src/x.tsx',
      'src/harness/x.ts',
      'server/src/x.ts',
    ]) {
      expect(await refused(file, imports('electron')), file).toEqual(['electron']);
    }
  });

  it('src/shared imports no Node, no server or database package and nothing outside itself', async () => {
    expect(
      await refused(
        'src/shared/x.ts',
        imports('node:fs', 'path', 'fastify', 'pg', '../main/core/koe-core', './domain', 'zod'),
      ),
    ).toEqual(['node:fs', 'path', 'fastify', 'pg', '../main/core/koe-core']);
  });

  it('the renderer imports only src/shared, its own files and its UI packages', async () => {
    expect(
      await refused(
        'src/renderer/src/search/x.tsx',
        imports(
          'node:fs',
          '../../../main/core/db/connection',
          'better-sqlite3',
          'fastify',
          'pg',
          '../../../shared/ipc',
          './own',
          '@mantine/core',
        ),
      ),
    ).toEqual(['node:fs', '../../../main/core/db/connection', 'better-sqlite3', 'fastify', 'pg']);
  });

  it('the core knows nothing of the shell, the UI or the server', async () => {
    expect(
      await refused(
        'src/main/core/x.ts',
        imports('../shell/window', '../../renderer/src/x', '../../../server/src/app', 'node:fs'),
      ),
    ).toEqual(['../shell/window', '../../renderer/src/x', '../../../server/src/app']);
  });

  it('the cache (core/db) knows nothing of the features that use it', async () => {
    expect(
      await refused(
        'src/main/core/db/customer-card.ts',
        imports('../guidance/prediction-service', '../calls/call-desk', './database', '../errors'),
      ),
    ).toEqual(['../guidance/prediction-service', '../calls/call-desk']);
  });

  it('the retailer API imports only src/shared, never the desk', async () => {
    expect(
      await refused(
        'server/src/routes/x.ts',
        imports('../../../src/main/core/koe-core', '../../../src/shared/protocol/sync', 'fastify'),
      ),
    ).toEqual(['../../../src/main/core/koe-core']);
  });

  it('a migration imports only kysely', async () => {
    expect(
      await refused(
        'src/main/core/db/migrations/2099_01_01_0001_x.ts',
        imports('kysely', 'zod', '../connection'),
      ),
    ).toEqual(['zod', '../connection']);
  });

  it('checks every way in: re-exports, import(), require(), import = require() and import types', async () => {
    const ways = [
      "export { x } from 'pg';",
      "export * from 'pg';",
      "export const load = () => import('pg');",
      "export const pg = require('pg');",
      "import pg = require('pg');\nexport const p = pg;",
      "export type Pool = import('pg').Pool;",
    ];
    for (const source of ways) {
      const [result] = await eslint.lintText(`${source}\n`, { filePath: 'src/shared/x.ts' });
      const layers = (result?.messages ?? []).filter((m) => m.ruleId === 'koe/layers');
      expect(
        layers.map((m) => m.message),
        source,
      ).toEqual(['shared may not import the package pg.']);
    }
  });

  it('a file no layer covers is an error, so a new folder is placed on purpose', async () => {
    const [result] = await eslint.lintText('export const x = 1;\n', { filePath: 'lib/x.ts' });
    expect(result?.messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['koe/layers', 'No layer covers lib/x.ts: add it to the layers in eslint.config.js.'],
    ]);
  });
});
