import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ServerDb } from '../db/schema';

/** The file the generated secret lives in, inside the secret directory. */
export const SECRET_FILE_NAME = 'token-signing-secret';

/** The row older servers kept the secret in, next to the data it protects. */
const LEGACY_KEY = 'token_secret';

const MIN_LENGTH = 32;

/**
 * The secret access tokens are signed with. A deployment that sets one (KOE_TOKEN_SECRET) keeps
 * it. Otherwise it is read from, or generated into, a file only the server's user can read, in
 * `dir`: never in the database, so a copy of the database (a backup, a replica, a leaked dump)
 * is not enough to forge tokens. A secret an older server kept in the database moves to the file
 * (sessions stay valid) and leaves the database. Processes on several machines must share one
 * secret: set KOE_TOKEN_SECRET, or give them the same directory.
 */
export async function signingSecret(options: {
  db: ServerDb;
  fromEnv: string | undefined;
  dir: string;
  log: (message: string) => void;
}): Promise<string> {
  const { db, fromEnv, dir, log } = options;
  if (fromEnv) return fromEnv;
  const file = join(dir, SECRET_FILE_NAME);
  const legacy = await db
    .selectFrom('server_settings')
    .select('value')
    .where('key', '=', LEGACY_KEY)
    .executeTakeFirst();
  let secret = readSecretFile(file);
  if (secret === null) {
    const created = createSecretFile(file, legacy?.value ?? randomBytes(32).toString('base64url'));
    secret = readSecretFile(file);
    if (secret === null) throw new Error(`The token-signing secret in ${file} cannot be read`);
    if (created)
      log(
        legacy
          ? `Moved the token-signing secret out of the database into ${file} (readable by this user only)`
          : `Generated the token-signing secret into ${file} (readable by this user only); set KOE_TOKEN_SECRET to share one secret between machines`,
      );
  }
  if (legacy) {
    await db.deleteFrom('server_settings').where('key', '=', LEGACY_KEY).execute();
  }
  return secret;
}

/** The secret in the file, tightened to owner-only if it was not; null when there is none. */
function readSecretFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = text.trim();
  if (secret.length < MIN_LENGTH)
    throw new Error(`The token-signing secret in ${file} is shorter than ${MIN_LENGTH} characters`);
  return secret;
}

/**
 * Writes the secret whole under a temporary name, then links it into place: a process starting
 * at the same moment either wins the link or reads the winner's complete file. False when
 * another process made it first.
 */
function createSecretFile(file: string, secret: string): boolean {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
