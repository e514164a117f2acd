import type { z } from 'zod';
import {
  authoringKinds,
  type AuthoringAction,
  type AuthoringInput,
  type AuthoringKind,
  type AuthoringKindName,
  type AuthoringOutput,
  type AuthoringWire,
} from '../../../shared/protocol/authoring-kinds';
import {
  createAuthorizedRequest,
  type AuthorizedFetchOptions,
  type AuthorizedRequest,
} from '../retailer-client';

/** One kind's studio endpoints at the retailer: each action sends its wire input as it is. */
export interface AuthoringClient<W extends AuthoringWire> {
  request<A extends AuthoringAction>(
    action: A,
    input: AuthoringInput<W, A>,
  ): Promise<AuthoringOutput<W, A>>;
}

/** The retailer API's studio endpoints of every kind, called with the desktop's session. */
export type StudioClient = {
  [K in AuthoringKindName]: AuthoringClient<AuthoringKind<K>['wire']>;
};

export type StudioClientOptions = Omit<AuthorizedFetchOptions, 'timeoutMs'>;

/** Reads go as a query string; a save is a PUT and a publish or rollback a POST, with a body. */
const METHODS = {
  list: 'GET',
  get: 'GET',
  version: 'GET',
  saveDraft: 'PUT',
  publish: 'POST',
  rollback: 'POST',
} as const satisfies Record<AuthoringAction, 'GET' | 'PUT' | 'POST'>;

export function createAuthoringClient<W extends AuthoringWire>(
  send: AuthorizedRequest,
  wire: W,
): AuthoringClient<W> {
  function request<A extends AuthoringAction>(
    action: A,
    input: AuthoringInput<W, A>,
  ): Promise<AuthoringOutput<W, A>> {
    const method = METHODS[action];
    const path = wire.paths[action];
    const output = wire.outputs[action] as z.ZodType<AuthoringOutput<W, A>>;
    if (method !== 'GET') return send(method, path, output, input);
    const query = new URLSearchParams(
      Object.entries(input as Record<string, string | number>).map(([k, v]): [string, string] => [
        k,
        String(v),
      ]),
    );
    return send(method, query.size > 0 ? `${path}?${query}` : path, output);
  }
  return { request };
}

export function createStudioClient(options: StudioClientOptions): StudioClient {
  const send = createAuthorizedRequest({ ...options, timeoutMs: 15_000 });
  return {
    script: createAuthoringClient(send, authoringKinds.script.wire),
    answer: createAuthoringClient(send, authoringKinds.answer.wire),
  };
}
