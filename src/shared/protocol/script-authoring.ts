import { z } from 'zod';
import { customerTier } from '../domain/customer';
import { audience, authoringWireSchemas, perLanguage } from './authoring-wire';

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

export const authoredBranch = z.object({ next: stepId, label: perLanguage(120) });

export const authoredStep = z.object({
  id: stepId,
  compliance: z.boolean(),
  text: perLanguage(4000),
  branches: z.array(authoredBranch).max(10),
});
export type AuthoredStep = z.infer<typeof authoredStep>;

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
  audience,
  triggers: authoredTriggers,
  steps: z.array(authoredStep).min(1).max(100),
});
export type ScriptContent = z.infer<typeof scriptContent>;

/** The script studio's wire: see authoring-wire.ts. */
export const scriptSchemas = authoringWireSchemas('scriptId', 'scripts', scriptContent, {
  triggers: authoredTriggers,
});
/** One row of the studio's list, and what the overlap lint compares with. */
export type StudioScriptSummary = z.infer<typeof scriptSchemas.summary>;
export type StudioScriptDetail = z.infer<typeof scriptSchemas.detail>;
export type StudioVersionDetail = z.infer<typeof scriptSchemas.versionDetail>;
