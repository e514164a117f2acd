import { ESLint } from 'eslint';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The process boundaries of ARCHITECTURE.md are an allow-list lint rule (`koe/layers`, see
 * eslint.config.js); this proves the rule bites, on the holes the old deny-lists had too.
 */
const eslint = new ESLint();

/** The layers as the rule is given them (eslint.config.js), read back through ESLint itself. */
interface Layer {
  name: string;
  files: string[];
  allow: string[];
  packages: string[];
}
const config = (await eslint.calculateConfigForFile('src/shared/x.ts')) as {
  rules: Record<string, [unknown, { layers: Layer[] }]>;
};
const layers = config.rules['koe/layers']![1].layers;

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
      'src/main/core/calls/x.ts',
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
        'src/renderer/src/customers/x.tsx',
        imports(
          'node:fs',
          '../../../main/core/platform/connection',
          'better-sqlite3',
          'fastify',
          'pg',
          '../../../shared/ipc',
          './own',
          '@mantine/core',
        ),
      ),
    ).toEqual([
      'node:fs',
      '../../../main/core/platform/connection',
      'better-sqlite3',
      'fastify',
      'pg',
    ]);
  });

  it('the core knows nothing of the shell, the UI or the server', async () => {
    expect(
      await refused(
        'src/main/core/calls/x.ts',
        imports(
          '../../shell/window',
          '../../../renderer/src/x',
          '../../../../server/src/app',
          'node:fs',
        ),
      ),
    ).toEqual(['../../shell/window', '../../../renderer/src/x', '../../../../server/src/app']);
  });

  it('a feature imports another only through its index.ts, and only the features it names', async () => {
    expect(
      await refused(
        'src/main/core/wrap-up/x.ts',
        imports(
          '../calls',
          '../calls/index',
          '../calls/call-desk',
          '../platform/connection',
          './voc.repository',
          '../studio',
        ),
      ),
    ).toEqual(['../calls/call-desk', '../studio']);
  });

  it("a worker's exception is one file of a feature, not the feature", async () => {
    expect(
      await refused(
        'src/main/core/sync/x.ts',
        imports('../erasure/local-erasure', '../erasure/desk-revocation', '../customers'),
      ),
    ).toEqual(['../erasure/desk-revocation', '../customers']);
  });

  it('the platform knows no feature, but the schema may read their tables', async () => {
    expect(
      await refused(
        'src/main/core/platform/x.ts',
        imports(
          '../calls',
          '../customers/customer.table',
          '../customers/customer.repository',
          './errors',
        ),
      ),
    ).toEqual(['../calls', '../customers/customer.repository']);
  });

  it('a renderer feature imports another only through its index.ts, and only those it names', async () => {
    expect(
      await refused(
        'src/renderer/src/wrap-up/x.tsx',
        imports(
          '../customers',
          '../customers/index',
          '../customers/TierBadge',
          '../app/koe-call',
          '../i18n/use-formatters',
          './WrapUpPanel',
          '../studio',
        ),
      ),
    ).toEqual(['../customers/TierBadge', '../studio']);
  });

  it("the renderer's app composes the features through their index.ts; i18n knows none", async () => {
    expect(
      await refused(
        'src/renderer/src/app/x.tsx',
        imports('../calls', '../calls/CallWorkspace', '../i18n/i18n', './koe-call'),
      ),
    ).toEqual(['../calls/CallWorkspace']);
    expect(
      await refused(
        'src/renderer/src/i18n/x.ts',
        imports('../app/koe-call', '../calls', './format'),
      ),
    ).toEqual(['../app/koe-call', '../calls']);
  });

  it('the shell, the main entry and the harness reach the core only through its public files', async () => {
    const deep = [
      ['src/main/shell/x.ts', '../core'],
      ['src/main/retailer-connection.ts', './core'],
      ['src/harness/x.ts', '../main/core'],
    ] as const;
    for (const [file, core] of deep) {
      expect(
        await refused(
          file,
          imports(
            `${core}/koe-core`,
            `${core}/sync`,
            `${core}/platform/errors`,
            `${core}/sync/retailer-api`,
            `${core}/platform/connection`,
            `${core}/services`,
          ),
        ),
        file,
      ).toEqual([`${core}/sync/retailer-api`, `${core}/platform/connection`, `${core}/services`]);
    }
  });

  it("the core's wiring builds the features through their index.ts only", async () => {
    expect(
      await refused(
        'src/main/core/koe-core.ts',
        imports('./calls', './calls/call-desk', './platform/router', '../shell/window'),
      ),
    ).toEqual(['./calls/call-desk', '../shell/window']);
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
        'src/main/core/platform/migrations/2099_01_01_0001_x.ts',
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
    for (const path of ['lib/x.ts', 'src/main/core/helpers.ts', 'src/renderer/src/search/x.ts']) {
      const [result] = await eslint.lintText('export const x = 1;\n', { filePath: path });
      expect(result?.messages.map((m) => [m.ruleId, m.message])).toEqual([
        ['koe/layers', `No layer covers ${path}: add it to the layers in eslint.config.js.`],
      ]);
    }
  });

  // Every rule of eslint.config.js, read from the list itself: what it allows passes, a path it
  // does not allow and a package it does not list are refused.
  for (const layer of layers.filter((l) => !l.packages.includes('*'))) {
    it(`${layer.name}: allows its list and refuses the rest`, async () => {
      const own = layer.files[0]!;
      const file = own.endsWith('/') ? `${own}x.ts` : own;
      const from = (target: string) => {
        const spec = posix.relative(posix.dirname(file), target);
        return spec.startsWith('.') ? spec : `./${spec}`;
      };
      const allowed = layer.allow.map((p) => from(p.endsWith('/') ? `${p}x` : p));
      const outside = ['src/main/core/koe-core', 'server/src/app', 'src/renderer/src/x'].find(
        (target) => !layer.allow.some((p) => target.startsWith(p)) && !target.startsWith(own),
      )!;
      expect(
        await refused(file, imports(...allowed, ...layer.packages.filter((p) => p !== 'node:'))),
        'allowed',
      ).toEqual([]);
      expect(await refused(file, imports(from(outside), 'left-pad'))).toEqual([
        from(outside),
        'left-pad',
      ]);
    });
  }
});
