import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The process boundaries of ARCHITECTURE.md are lint rules; this proves the rules bite. */
const eslint = new ESLint();

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message.split("'")[1] ?? m.message);
}

const imports = (...specifiers: string[]) =>
  specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n') +
  `\nexport const all = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n`;

describe('import boundaries', () => {
  it('only the shell and the preload may import electron', async () => {
    expect(await restrictedImports('src/main/shell/window.ts', imports('electron'))).toEqual([]);
    expect(await restrictedImports('src/preload/index.ts', imports('electron'))).toEqual([]);
    for (const file of [
      'src/main/core/x.ts',
      'src/shared/x.ts',
      'src/renderer/src/x.tsx',
      'src/harness/x.ts',
    ]) {
      expect(await restrictedImports(file, imports('electron')), file).toEqual(['electron']);
    }
  });

  it('src/shared imports no node:*, no electron and nothing outside src/shared', async () => {
    expect(
      await restrictedImports(
        'src/shared/x.ts',
        imports('node:fs', 'path', '../main/core/koe-core', './domain'),
      ),
    ).toEqual(['node:fs', 'path', '../main/core/koe-core']);
  });

  it('the renderer imports only src/shared and its own files', async () => {
    expect(
      await restrictedImports(
        'src/renderer/src/search/x.tsx',
        imports(
          'node:fs',
          '../../../main/core/db/connection',
          'better-sqlite3',
          '../../../shared/ipc',
          './own',
        ),
      ),
    ).toEqual(['node:fs', '../../../main/core/db/connection', 'better-sqlite3']);
  });

  it('the core knows nothing of the shell or the UI', async () => {
    expect(
      await restrictedImports(
        'src/main/core/x.ts',
        imports('../shell/window', '../../renderer/src/x', 'node:fs'),
      ),
    ).toEqual(['../shell/window', '../../renderer/src/x']);
  });

  it('a migration imports only kysely', async () => {
    expect(
      await restrictedImports(
        'src/main/core/db/migrations/2099_01_01_0001_x.ts',
        imports('kysely', 'zod', '../connection'),
      ),
    ).toEqual(['zod', '../connection']);
  });
});
