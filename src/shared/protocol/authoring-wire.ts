import { z } from 'zod';
import { id, isoDateTime, language, printable } from '../domain/primitives';

/**
 * What every versioned document the studio authors (scripts, approved answers) has in common on
 * the wire: one studio item is the document in every language of its audience, saved as a
 * draft, published as immutable versions (one record per language, `<id>-<language>`), rolled
 * back by publishing an earlier version's content again. Each kind brings its content and the
 * name of its id field; `authoringWireSchemas` makes the rest.
 */

/** Text per language; a language of the audience without text is a lint error, not a 400. */
export const perLanguage = (max: number) =>
  z.object({ ja: z.string().max(max).optional(), en: z.string().max(max).optional() });

/** Who reads a studio item: its languages, and its centers (empty: every center). */
export const audience = z.object({
  languages: z.array(language).min(1).max(2),
  /** Empty: every center of the retailer. */
  centers: z.array(id).max(100),
});
export type Audience = z.infer<typeof audience>;

/** A studio item's id: the per-language record ids append `-ja` / `-en` to it. */
export const studioItemId = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _');

export const itemStatus = z.enum(['draft', 'published', 'published_with_draft']);
export type ItemStatus = z.infer<typeof itemStatus>;

/** Who published a version and why. */
export const versionInfo = z.object({
  version: z.number().int().min(1),
  publishedAt: isoDateTime,
  releaseNotes: z.string(),
  /** Display name of who published it; null for versions pushed in by the retailer's system. */
  publishedBy: z.string().nullable(),
  /** Set on a rollback: the version whose content this one republished. */
  rollbackOf: z.number().int().min(1).nullable(),
});
export type VersionInfo = z.infer<typeof versionInfo>;

/** Release notes of a publish or rollback (scripts and approved answers alike). */
export const releaseNotes = printable(2000);

const version = z.number().int().min(1);

/**
 * A kind's wire schemas: its id field named `idKey`, its list's items under `listKey`, its
 * `content`, and what its list shows besides the common fields (`summaryExtra`).
 */
export function authoringWireSchemas<
  K extends string,
  L extends string,
  C extends z.ZodType,
  S extends z.ZodRawShape,
>(idKey: K, listKey: L, content: C, summaryExtra: S) {
  const named = { [idKey]: studioItemId } as { [P in K]: typeof studioItemId };
  const summary = z.object({
    ...named,
    title: perLanguage(200),
    status: itemStatus,
    /** The latest published version; null for an item never published. */
    version: version.nullable(),
    publishedAt: isoDateTime.nullable(),
    audience,
    ...summaryExtra,
    draftUpdatedAt: isoDateTime.nullable(),
  });
  const items = { [listKey]: z.array(summary) } as { [P in L]: z.ZodArray<typeof summary> };
  const list = z.object({
    ...items,
    /** The retailer's centers, to pick an audience from. */
    centers: z.array(z.object({ id, name: z.string() })),
  });
  const detail = z.object({
    ...named,
    draft: z.object({ content, updatedAt: isoDateTime }).nullable(),
    published: z.object({ version, content }).nullable(),
    /** Newest first. */
    versions: z.array(versionInfo),
  });
  const versionDetail = z.object({ ...named, info: versionInfo, content });
  const saveDraftRequest = z.object({ ...named, content });
  const saveDraftResponse = z.object({ updatedAt: isoDateTime });
  const publishRequest = z.object({ ...named, content, releaseNotes: releaseNotes.min(1) });
  const rollbackRequest = z.object({ ...named, version, releaseNotes: releaseNotes.min(1) });
  /** The change-log cursor the version was written at: desktops that pulled it have it. */
  const publishResponse = z.object({
    ...named,
    version,
    publishedAt: isoDateTime,
    cursor: z.string(),
  });
  return {
    summary,
    list,
    detail,
    /** The query strings of a read of one item and of one of its versions. */
    query: z.object(named),
    versionQuery: z.object({ ...named, version: z.coerce.number().int().min(1) }),
    versionDetail,
    saveDraftRequest,
    saveDraftResponse,
    publishRequest,
    rollbackRequest,
    publishResponse,
    /** What each studio action sends (reads as the desk's IPC takes them: numbers as numbers). */
    inputs: {
      list: z.object({}),
      get: z.object(named),
      version: z.object({ ...named, version }),
      saveDraft: saveDraftRequest,
      publish: publishRequest,
      rollback: rollbackRequest,
    },
    /** What each studio action answers. */
    outputs: {
      list,
      get: detail,
      version: versionDetail,
      saveDraft: saveDraftResponse,
      publish: publishResponse,
      rollback: publishResponse,
    },
  };
}
