import type { Language } from './domain/primitives';
import {
  authoringActions,
  authoringKinds,
  type AuthoringAction,
  type AuthoringOutput,
  type AuthoringWire,
} from './protocol/authoring-kinds';

/**
 * The studio's part of the IPC contract (spread into `ipcHandlers` in ipc.ts): the same six
 * channels for every kind of document, `<channels>:<action>` (`scripts:publish`,
 * `answers:get`), each taking exactly what the retailer's API takes. The core checks the role and
 * forwards each call with the signed-in session; the server checks the role again and runs the
 * lint again on publish.
 */
type AuthoringChannels<P extends string, W extends AuthoringWire> = {
  [A in AuthoringAction as `${P}:${A}`]: {
    input: W['inputs'][A];
    output: AuthoringOutput<W, A>;
  };
};

function authoringChannels<P extends string, W extends AuthoringWire>(
  prefix: P,
  wire: W,
): AuthoringChannels<P, W> {
  const entries = authoringActions.map((action) => [
    `${prefix}:${action}`,
    { input: wire.inputs[action].strict(), output: undefined },
  ]);
  return Object.fromEntries(entries) as AuthoringChannels<P, W>;
}

export const studioIpcHandlers = {
  ...authoringChannels(authoringKinds.script.channels, authoringKinds.script.wire),
  ...authoringChannels(authoringKinds.answer.channels, authoringKinds.answer.wire),
};

/** A script version that reached this desktop after it started: the agent's "updated" notice. */
export interface ScriptUpdate {
  scriptId: string;
  version: number;
  language: Language;
  title: string;
  releaseNotes: string;
  publishedAt: string;
}
