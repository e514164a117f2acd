import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../http/route';

/** Installers are 100–300 MB; a release file larger than this is refused. */
export const MAX_RELEASE_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * Release files on disk, content-addressed by sha512 (hex) under one folder per tenant. Why disk
 * and not the database: installers are hundreds of megabytes, which the SQLite and pg drivers
 * would hold whole in memory per download and which would bloat every database backup; a file
 * streams. Several server processes share the folder (a network volume) the way they share the
 * database; the metadata that decides who gets what stays in the database.
 */
export function createUpdateFileStore(root: string) {
  const pathOf = (tenantId: string, sha512: string) =>
    join(
      root,
      Buffer.from(tenantId).toString('hex'),
      Buffer.from(sha512, 'base64').toString('hex'),
    );

  return {
    /** Streams an upload to disk while hashing it; returns its sha512 (base64) and size. */
    async put(tenantId: string, body: Readable): Promise<{ sha512: string; size: number }> {
      const folder = join(root, Buffer.from(tenantId).toString('hex'));
      mkdirSync(folder, { recursive: true });
      const partial = join(folder, `.upload-${randomUUID()}`);
      const hash = createHash('sha512');
      let size = 0;
      try {
        await pipeline(
          body,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              size += chunk.length;
              if (size > MAX_RELEASE_FILE_BYTES) {
                throw new HttpError(413, 'file_too_large', 'A release file may be at most 1 GB.');
              }
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(partial),
        );
        if (size === 0) throw new HttpError(400, 'empty_file', 'The uploaded file is empty.');
        const sha512 = hash.digest('base64');
        // A rename is atomic: a download never sees half a file under its final name.
        await rename(partial, pathOf(tenantId, sha512));
        return { sha512, size };
      } finally {
        await rm(partial, { force: true });
      }
    },

    /** The stored file's size, or null when no file with that sha512 was uploaded. */
    async size(tenantId: string, sha512: string): Promise<number | null> {
      const info = await stat(pathOf(tenantId, sha512)).catch(() => null);
      return info?.isFile() ? info.size : null;
    },

    read(tenantId: string, sha512: string): Readable {
      return createReadStream(pathOf(tenantId, sha512));
    },
  };
}
export type UpdateFileStore = ReturnType<typeof createUpdateFileStore>;
