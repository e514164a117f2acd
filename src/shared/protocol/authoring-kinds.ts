import type { z } from 'zod';
import { answerSchemas } from './answer-authoring';
import { scriptSchemas } from './script-authoring';

/**
 * The versioned documents a trainer authors (scripts, approved answers): each kind's endpoints
 * at the retailer and the wire schemas of its six actions. The studio's IPC channels, the core's
 * client and the renderer's studio are built from these, so a new kind is one more entry here
 * (and its own content, lint and preview), never another copy of the stack.
 */

/** What a studio does with an item of any kind: the same six actions for every kind. */
export const authoringActions = [
  'list',
  'get',
  'version',
  'saveDraft',
  'publish',
  'rollback',
] as const;
export type AuthoringAction = (typeof authoringActions)[number];

/** A kind's wire: the input each action sends (as the retailer's API takes it) and its answer. */
export interface AuthoringWire {
  /** The endpoint of each action; `get` and `version` send their input as the query string. */
  paths: Record<AuthoringAction, string>;
  inputs: { [A in AuthoringAction]: z.ZodObject };
  outputs: { [A in AuthoringAction]: z.ZodType };
}

export const scriptWire = {
  paths: {
    list: '/v1/studio/scripts',
    get: '/v1/studio/script',
    version: '/v1/studio/script/version',
    saveDraft: '/v1/studio/drafts',
    publish: '/v1/studio/publish',
    rollback: '/v1/studio/rollback',
  },
  inputs: scriptSchemas.inputs,
  outputs: scriptSchemas.outputs,
} satisfies AuthoringWire;

export const answerWire = {
  paths: {
    list: '/v1/studio/answers',
    get: '/v1/studio/answers/answer',
    version: '/v1/studio/answers/version',
    saveDraft: '/v1/studio/answers/drafts',
    publish: '/v1/studio/answers/publish',
    rollback: '/v1/studio/answers/rollback',
  },
  inputs: answerSchemas.inputs,
  outputs: answerSchemas.outputs,
} satisfies AuthoringWire;

/**
 * Every kind by name, with the prefix of its IPC channels (`scripts:publish`) and the field
 * its wire names an item by.
 */
export const authoringKinds = {
  script: { channels: 'scripts', idKey: 'scriptId', wire: scriptWire },
  answer: { channels: 'answers', idKey: 'answerId', wire: answerWire },
} as const satisfies Record<string, { channels: string; idKey: string; wire: AuthoringWire }>;

export type AuthoringKindName = keyof typeof authoringKinds;
export type AuthoringKind<K extends AuthoringKindName = AuthoringKindName> =
  (typeof authoringKinds)[K];

/** What an action of a kind sends and what it answers; what its items hold. */
export type AuthoringInput<W extends AuthoringWire, A extends AuthoringAction> = z.infer<
  W['inputs'][A]
>;
export type AuthoringOutput<W extends AuthoringWire, A extends AuthoringAction> = z.infer<
  W['outputs'][A]
>;
export type AuthoringContent<K extends AuthoringKindName> = AuthoringInput<
  AuthoringKind<K>['wire'],
  'saveDraft'
>['content'];
