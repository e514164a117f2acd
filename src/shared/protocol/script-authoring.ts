import { z } from 'zod';
import { customerTier } from '../domain/customer';
import { id, isoDateTime, language, printable } from '../domain/primitives';

/**
 * The script studio's wire format (trainer and retailer admin). A studio script is one script in
 * every language of its audience: steps share their ids, branches and compliance flag across
 * languages, and carry one text (and branch label) per language. Publishing turns version N of
 * it into one immutable `script_version` record per language, with the scriptId
 * `<scriptId>-<language>` agents' desktops already know (the demo's `script-greeting-ja`).
 */

const stepId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, - and _');

/** Text per language; a language of the audience without text is a lint error, not a 400. */
export const perLanguage = (max: number) =>
  z.object({ ja: z.string().max(max).optional(), en: z.string().max(max).optional() });

export const authoredBranch = z.object({ next: stepId, label: perLanguage(120) });

export const authoredStep = z.object({
  id: stepId,
  compliance: z.boolean(),
  text: perLanguage(4000),
  branches: z.array(authoredBranch).max(10),
});
export type AuthoredStep = z.infer<typeof authoredStep>;

export const scriptAudience = z.object({
  languages: z.array(language).min(1).max(2),
  /** Empty: every center of the retailer. */
  centers: z.array(id).max(100),
});
export type ScriptAudience = z.infer<typeof scriptAudience>;

export const authoredTriggers = z.object({
  reasons: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9_.]+$/)
        .max(64),
    )
    .max(20),
  tiers: z.array(customerTier).max(4),
});

export const scriptContent = z.object({
  title: perLanguage(200),
  audience: scriptAudience,
  triggers: authoredTriggers,
  steps: z.array(authoredStep).min(1).max(100),
});
export type ScriptContent = z.infer<typeof scriptContent>;

/** A studio script id: the per-language scriptIds append `-ja` / `-en` to it. */
export const studioScriptId = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _');

export const scriptStatus = z.enum(['draft', 'published', 'published_with_draft']);
export type ScriptStatus = z.infer<typeof scriptStatus>;

/** One row of the studio's list, and what the overlap lint compares with. */
export const studioScriptSummary = z.object({
  scriptId: studioScriptId,
  title: perLanguage(200),
  status: scriptStatus,
  /** The latest published version; null for a script never published. */
  version: z.number().int().min(1).nullable(),
  publishedAt: isoDateTime.nullable(),
  audience: scriptAudience,
  triggers: authoredTriggers,
  draftUpdatedAt: isoDateTime.nullable(),
});
export type StudioScriptSummary = z.infer<typeof studioScriptSummary>;

export const studioScriptList = z.object({
  scripts: z.array(studioScriptSummary),
  /** The retailer's centers, to pick an audience from. */
  centers: z.array(z.object({ id, name: z.string() })),
});
export type StudioScriptList = z.infer<typeof studioScriptList>;

export const scriptVersionInfo = z.object({
  version: z.number().int().min(1),
  publishedAt: isoDateTime,
  releaseNotes: z.string(),
  /** Display name of who published it; null for versions pushed in by the retailer's system. */
  publishedBy: z.string().nullable(),
  /** Set on a rollback: the version whose content this one republished. */
  rollbackOf: z.number().int().min(1).nullable(),
});
export type ScriptVersionInfo = z.infer<typeof scriptVersionInfo>;

export const studioScriptDetail = z.object({
  scriptId: studioScriptId,
  draft: z.object({ content: scriptContent, updatedAt: isoDateTime }).nullable(),
  published: z.object({ version: z.number().int().min(1), content: scriptContent }).nullable(),
  /** Newest first. */
  versions: z.array(scriptVersionInfo),
});
export type StudioScriptDetail = z.infer<typeof studioScriptDetail>;

export const studioScriptQuery = z.object({ scriptId: studioScriptId });
export const studioVersionQuery = z.object({
  scriptId: studioScriptId,
  version: z.coerce.number().int().min(1),
});

export const studioVersionDetail = z.object({
  scriptId: studioScriptId,
  info: scriptVersionInfo,
  content: scriptContent,
});
export type StudioVersionDetail = z.infer<typeof studioVersionDetail>;

export const saveDraftRequest = z.object({ scriptId: studioScriptId, content: scriptContent });
export const saveDraftResponse = z.object({ updatedAt: isoDateTime });

/** Release notes of a publish or rollback (scripts and approved answers alike). */
export const releaseNotes = printable(2000);

export const publishRequest = z.object({
  scriptId: studioScriptId,
  content: scriptContent,
  releaseNotes: releaseNotes.min(1),
});
export type PublishRequest = z.infer<typeof publishRequest>;

export const rollbackRequest = z.object({
  scriptId: studioScriptId,
  version: z.number().int().min(1),
  releaseNotes: releaseNotes.min(1),
});
export type RollbackRequest = z.infer<typeof rollbackRequest>;

export const publishResponse = z.object({
  scriptId: studioScriptId,
  version: z.number().int().min(1),
  publishedAt: isoDateTime,
  /** The change-log cursor the version was written at: desktops that pulled it have it. */
  cursor: z.string(),
});
export type PublishResponse = z.infer<typeof publishResponse>;
