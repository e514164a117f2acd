/**
 * Uploads what `npm run dist` wrote to the retailer API, for desks to update from:
 *
 *   KOE_RETAILER_URL=https://api.retailer.example KOE_ADMIN_EMAIL=… KOE_ADMIN_PASSWORD=… \
 *     npm run release:upload -- dist --channel stable
 *
 * Reads electron-builder's latest.yml / latest-mac.yml / latest-linux.yml in the folder,
 * uploads every file they name (the server checks each file's sha512 and size against the
 * yml), then publishes one release per platform. Running it twice is harmless.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import yaml from 'js-yaml';
import {
  FEED_FILES,
  storedFile,
  type ReleaseUpload,
  type UpdatePlatform,
} from '../src/shared/protocol/update-feed';

interface BuilderFeed {
  version: string;
  releaseDate?: string;
  files: { url: string; sha512: string; size: number }[];
}

/** The releases electron-builder's output folder describes, one per platform it built. */
export function releasesIn(dir: string, channel: string): ReleaseUpload[] {
  const releases: ReleaseUpload[] = [];
  for (const [platform, feedFile] of Object.entries(FEED_FILES) as [UpdatePlatform, string][]) {
    const path = join(dir, feedFile);
    if (!existsSync(path)) continue;
    const feed = yaml.load(readFileSync(path, 'utf8')) as BuilderFeed;
    for (const file of feed.files) {
      const local = join(dir, file.url);
      if (!existsSync(local))
        throw new Error(`${feedFile} names ${file.url}, which is not in ${dir}`);
      if (statSync(local).size !== file.size) {
        throw new Error(
          `${file.url} is ${statSync(local).size} bytes, ${feedFile} says ${file.size}`,
        );
      }
    }
    releases.push({
      channel,
      platform,
      version: feed.version,
      releaseDate: new Date(feed.releaseDate ?? Date.now()).toISOString(),
      files: feed.files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size })),
    });
  }
  if (releases.length === 0) {
    throw new Error(
      `No latest.yml, latest-mac.yml or latest-linux.yml in ${dir}: run npm run dist first.`,
    );
  }
  return releases;
}

export async function uploadReleases(options: {
  dir: string;
  channel: string;
  baseUrl: string;
  accessToken: string;
  log?: (line: string) => void;
}): Promise<ReleaseUpload[]> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const auth = { authorization: `Bearer ${options.accessToken}` };
  const log = options.log ?? console.log;
  const releases = releasesIn(options.dir, options.channel);
  for (const release of releases) {
    for (const file of release.files) {
      const response = await fetch(`${base}/v1/admin/updates/files`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(createReadStream(join(options.dir, file.url))) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      if (!response.ok)
        throw new Error(`upload ${file.url}: ${response.status} ${await response.text()}`);
      const stored = storedFile.parse(await response.json());
      if (stored.sha512 !== file.sha512) {
        throw new Error(`${file.url}: the server received other bytes than the yml describes`);
      }
      log(`uploaded ${file.url} (${file.size} bytes)`);
    }
    const response = await fetch(`${base}/v1/admin/updates/releases`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(release),
    });
    if (!response.ok) {
      throw new Error(
        `publish ${release.platform} ${release.version}: ${response.status} ${await response.text()}`,
      );
    }
    log(`published ${release.platform} ${release.version} on ${release.channel}`);
  }
  return releases;
}

async function main(argv: string[]): Promise<void> {
  const dir = argv.find((a) => !a.startsWith('--')) ?? 'dist';
  const channelAt = argv.indexOf('--channel');
  const channel = channelAt >= 0 ? (argv[channelAt + 1] ?? '') : 'stable';
  const baseUrl = process.env.KOE_RETAILER_URL;
  const email = process.env.KOE_ADMIN_EMAIL;
  const password = process.env.KOE_ADMIN_PASSWORD;
  if (!baseUrl || !email || !password) {
    throw new Error(
      'Set KOE_RETAILER_URL, KOE_ADMIN_EMAIL and KOE_ADMIN_PASSWORD (a retailer admin).',
    );
  }
  const signIn = await fetch(`${baseUrl.replace(/\/+$/, '')}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  await uploadReleases({ dir, channel, baseUrl, accessToken });
}

if (process.argv[1]?.endsWith('release-upload.ts')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`release:upload: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
