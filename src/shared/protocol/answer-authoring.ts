import { z } from 'zod';
import { isoDateTime } from '../domain/primitives';
import {
  perLanguage,
  releaseNotes,
  scriptAudience,
  scriptStatus,
  scriptVersionInfo,
  studioScriptId,
} from './script-authoring';

/**
 * The approved-answer studio's wire format (trainer and retailer admin), the same shapes as the
 * script studio's: one studio answer is the answer in every language of its audience, and
 * publishing version N writes one immutable `knowledge_answer` record per language with the id
 * `<answerId>-<language>` (the demo's `kb-return-deadline-ja`).
 */

/** Longer than the lint's limit, so an over-long body is a lint message, not a 400. */
const BODY_WIRE_MAX = 20_000;

/** Tags per language: Japanese tags are Japanese words, so each language has its own. */
const tagsPerLanguage = z.object({
  ja: z.array(z.string().max(60)).max(40).optional(),
  en: z.array(z.string().max(60)).max(40).optional(),
});

export const answerContent = z.object({
  title: perLanguage(200),
  /** Plain text the agent reads out; shown as written (line breaks kept), never as HTML. */
  body: perLanguage(BODY_WIRE_MAX),
  tags: tagsPerLanguage,
  audience: scriptAudience,
});
export type AnswerContent = z.infer<typeof answerContent>;

/** A studio answer id: the per-language record ids append `-ja` / `-en` to it. */
export const studioAnswerId = studioScriptId;

export const answerStatus = scriptStatus;

export const studioAnswerSummary = z.object({
  answerId: studioAnswerId,
  title: perLanguage(200),
  status: answerStatus,
  /** The latest published version; null for an answer never published. */
  version: z.number().int().min(1).nullable(),
  publishedAt: isoDateTime.nullable(),
  audience: scriptAudience,
  draftUpdatedAt: isoDateTime.nullable(),
});
export type StudioAnswerSummary = z.infer<typeof studioAnswerSummary>;

export const studioAnswerList = z.object({
  answers: z.array(studioAnswerSummary),
  /** The retailer's centers, to pick an audience from. */
  centers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type StudioAnswerList = z.infer<typeof studioAnswerList>;

/** Who published a version and why: the same as a script version's. */
export const answerVersionInfo = scriptVersionInfo;
export type AnswerVersionInfo = z.infer<typeof answerVersionInfo>;

export const studioAnswerDetail = z.object({
  answerId: studioAnswerId,
  draft: z.object({ content: answerContent, updatedAt: isoDateTime }).nullable(),
  published: z.object({ version: z.number().int().min(1), content: answerContent }).nullable(),
  /** Newest first. */
  versions: z.array(answerVersionInfo),
});
export type StudioAnswerDetail = z.infer<typeof studioAnswerDetail>;

export const studioAnswerQuery = z.object({ answerId: studioAnswerId });
export const studioAnswerVersionQuery = z.object({
  answerId: studioAnswerId,
  version: z.coerce.number().int().min(1),
});

export const studioAnswerVersionDetail = z.object({
  answerId: studioAnswerId,
  info: answerVersionInfo,
  content: answerContent,
});
export type StudioAnswerVersionDetail = z.infer<typeof studioAnswerVersionDetail>;

export const saveAnswerDraftRequest = z.object({
  answerId: studioAnswerId,
  content: answerContent,
});
export const saveAnswerDraftResponse = z.object({ updatedAt: isoDateTime });

export const publishAnswerRequest = z.object({
  answerId: studioAnswerId,
  content: answerContent,
  releaseNotes: releaseNotes.min(1),
});
export type PublishAnswerRequest = z.infer<typeof publishAnswerRequest>;

export const rollbackAnswerRequest = z.object({
  answerId: studioAnswerId,
  version: z.number().int().min(1),
  releaseNotes: releaseNotes.min(1),
});
export type RollbackAnswerRequest = z.infer<typeof rollbackAnswerRequest>;

export const publishAnswerResponse = z.object({
  answerId: studioAnswerId,
  version: z.number().int().min(1),
  publishedAt: isoDateTime,
  /** The change-log cursor the version was written at: desktops that pulled it have it. */
  cursor: z.string(),
});
export type PublishAnswerResponse = z.infer<typeof publishAnswerResponse>;
