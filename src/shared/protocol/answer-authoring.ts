import { z } from 'zod';
import { audience, authoringWireSchemas, perLanguage } from './authoring-wire';

/**
 * The approved-answer studio's wire format (trainer and retailer admin), the same shapes as the
 * script studio's (see authoring-wire.ts): one studio answer is the answer in every language of its audience, and
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
  audience,
});
export type AnswerContent = z.infer<typeof answerContent>;

/** The approved-answer studio's wire: see authoring-wire.ts. */
export const answerSchemas = authoringWireSchemas('answerId', 'answers', answerContent, {});
export type StudioAnswerSummary = z.infer<typeof answerSchemas.summary>;
export type StudioAnswerVersionDetail = z.infer<typeof answerSchemas.versionDetail>;
