import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openServerStore, type ServerStore } from '../db/connect';
import {
  addCenter,
  centerInput,
  createOperatorKey,
  disableCenter,
  enableCenter,
  listTenants,
  onboardTenant,
  tenantOnboardingRequest,
} from '../data/tenant-onboarding';
import { HttpError } from '../http/route';

/**
 * The operator's commands, on the database the server uses (DATABASE_URL, else the SQLite file
 * KOE_SERVER_DB, default .data/server.sqlite):
 *
 *   npm run server -- tenant create --id acme --name "Acme 通販" \
 *     --center tokyo="東京センター" --center osaka="大阪センター" \
 *     --admin-email admin@acme.example --admin-name "山田 花子" [--retention-days 730] \
 *     [--password-stdin]
 *   npm run server -- tenant add-center --tenant acme --center nagoya="名古屋センター"
 *   npm run server -- tenant disable-center --tenant acme --center osaka
 *   npm run server -- tenant enable-center --tenant acme --center osaka
 *   npm run server -- tenant list
 *   npm run server -- operator create-key --name "ops on-call"
 *
 * The first admin's password is read from stdin with --password-stdin (never from the command
 * line, where the shell history and `ps` would keep it), else generated and printed once.
 */
export const SERVER_COMMAND_USAGE = `Usage:
  npm run server -- tenant create --id <id> --name <name> --center <id>=<name> [--center …]
      --admin-email <e-mail> --admin-name <name> [--retention-days <days>] [--password-stdin]
  npm run server -- tenant add-center --tenant <id> --center <id>=<name>
  npm run server -- tenant disable-center --tenant <id> --center <id>
  npm run server -- tenant enable-center --tenant <id> --center <id>
  npm run server -- tenant list
  npm run server -- operator create-key --name <name>`;

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** All of stdin, for --password-stdin. */
  readStdin(): Promise<string>;
}

const processIo: CommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Runs one command; the exit code (0 done, 1 refused, 2 wrong usage). */
export async function runServerCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CommandIo = processIo,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        name: { type: 'string' },
        center: { type: 'string', multiple: true },
        tenant: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        'retention-days': { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${SERVER_COMMAND_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals.join(' ');
  const known = [
    'tenant create',
    'tenant add-center',
    'tenant disable-center',
    'tenant enable-center',
    'tenant list',
    'operator create-key',
  ];
  if (!known.includes(command)) {
    io.err(`Unknown command "${command}".\n${SERVER_COMMAND_USAGE}`);
    return 2;
  }

  const sqliteFile = env.KOE_SERVER_DB ?? '.data/server.sqlite';
  if (!env.DATABASE_URL) mkdirSync(dirname(sqliteFile), { recursive: true });
  let store: ServerStore | null = null;
  try {
    store = await openServerStore({ databaseUrl: env.DATABASE_URL, sqliteFile });
    const db = store.db;
    switch (command) {
      case 'tenant create': {
        const password = values['password-stdin'] ? firstLine(await io.readStdin()) : undefined;
        const input = tenantOnboardingRequest.parse({
          id: values.id,
          name: values.name,
          ...(values['retention-days'] ? { retentionDays: Number(values['retention-days']) } : {}),
          centers: (values.center ?? []).map(centerArg),
          admin: {
            email: values['admin-email'],
            displayName: values['admin-name'],
            ...(password !== undefined ? { password } : {}),
          },
        });
        const made = await onboardTenant(db, input);
        io.out(`Created retailer ${made.tenant.id} (${made.tenant.name})`);
        for (const c of made.centers) io.out(`  center ${c.id} (${c.name})`);
        io.out(`  admin ${made.admin.email}`);
        if (made.generatedPassword) {
          io.out(`Password for ${made.admin.email} (shown once; pass it on privately):`);
          io.out(made.generatedPassword);
        }
        return 0;
      }
      case 'tenant add-center': {
        const [center] = (values.center ?? []).map(centerArg);
        const added = await addCenter(
          db,
          required(values.tenant, '--tenant'),
          centerInput.parse(center),
        );
        io.out(`Added center ${added.id} (${added.name}) to ${values.tenant}`);
        return 0;
      }
      case 'tenant disable-center': {
        const disabled = await disableCenter(
          db,
          required(values.tenant, '--tenant'),
          required(values.center?.[0], '--center'),
        );
        io.out(
          `Disabled center ${disabled.id} of ${disabled.tenantId} since ${disabled.disabledAt}: its users can no longer sign in or sync (${disabled.revokedSessions} sign-ins ended, ${disabled.revokedDesks} desks revoked: they erase their customer data at their next contact; running servers refuse its tokens within 10 s)`,
        );
        return 0;
      }
      case 'tenant enable-center': {
        const enabled = await enableCenter(
          db,
          required(values.tenant, '--tenant'),
          required(values.center?.[0], '--center'),
        );
        io.out(
          `Enabled center ${enabled.id} of ${enabled.tenantId}: its users can sign in again (running servers within 10 s); its desks revoked at the disabling stay erased and register anew when set up again`,
        );
        return 0;
      }
      case 'tenant list': {
        for (const t of await listTenants(db)) {
          io.out(`${t.id}  ${t.name}  (${t.admins} admins, since ${t.createdAt})`);
          for (const c of t.centers)
            io.out(
              `  ${c.id}  ${c.name}  ${c.users} users${c.disabledAt ? `  disabled since ${c.disabledAt}` : ''}`,
            );
        }
        return 0;
      }
      case 'operator create-key': {
        const made = await createOperatorKey(
          db,
          z
            .string()
            .min(1)
            .max(200)
            .parse(values.name, { error: () => '--name is required' }),
        );
        io.out(`Operator key ${made.id} (${made.name}); shown once, keep it secret:`);
        io.out(made.key);
        return 0;
      }
    }
    return 2;
  } catch (error) {
    io.err(describe(error));
    return 1;
  } finally {
    await store?.close();
  }
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

/** `--center tokyo=東京センター` → { id, name }. */
function centerArg(arg: string): { id: string; name: string } {
  const at = arg.indexOf('=');
  return at < 0 ? { id: arg, name: '' } : { id: arg.slice(0, at), name: arg.slice(at + 1) };
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required.\n${SERVER_COMMAND_USAGE}`);
  return value;
}

class UsageError extends Error {}

function describe(error: unknown): string {
  if (error instanceof z.ZodError)
    return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n');
  if (error instanceof HttpError || error instanceof UsageError) return error.message;
  return `Failed: ${String(error)}`;
}
