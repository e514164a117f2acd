/**
 * `npm run preview:browser`: the built renderer in any browser, against a real core on demo data.
 * The HTTP bridge it uses exists only for this harness; the Electron app never opens it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { role } from '../shared/protocol/auth';
import { startDemoCore } from './demo-core';
import { startHarnessServer } from './server';

const DEFAULT_PORT = 5199;

async function main(): Promise<void> {
  const dataDir = resolve(process.env.KOE_DATA_DIR ?? '.data/preview');
  mkdirSync(dataDir, { recursive: true });
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;

  // KOE_DEMO_ROLE=trainer (or supervisor, retailer_admin) previews the app as that demo user.
  const demoRole = process.env.KOE_DEMO_ROLE ? role.parse(process.env.KOE_DEMO_ROLE) : undefined;
  const demo = await startDemoCore({
    dataDir,
    appVersion: version,
    ...(demoRole ? { demoRole } : {}),
  });
  const harness = await startHarnessServer({
    core: demo.core,
    rendererDir: resolve('out/renderer'),
    port,
  });
  console.log(`Koe browser preview: ${harness.url}  (data: ${dataDir}; Ctrl+C to stop)`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    console.log('\nStopping the Koe preview…');
    void harness
      .close()
      .then(() => demo.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
