import {
  publishResponse,
  saveDraftResponse,
  studioScriptDetail,
  studioScriptList,
  studioVersionDetail,
  type PublishRequest,
  type PublishResponse,
  type RollbackRequest,
  type ScriptContent,
  type StudioScriptDetail,
  type StudioScriptList,
  type StudioVersionDetail,
} from '../../../shared/protocol/script-authoring';
import {
  createAuthorizedRequest,
  type AuthorizedFetchOptions,
} from '../retailer-client/authorized-fetch';
import { createAnswerStudioClient, type AnswerStudioClient } from './answer-studio-client';

/** The retailer API's studio endpoints, called with the desktop's signed-in session. */
export interface StudioClient {
  list(): Promise<StudioScriptList>;
  get(scriptId: string): Promise<StudioScriptDetail>;
  version(scriptId: string, version: number): Promise<StudioVersionDetail>;
  saveDraft(scriptId: string, content: ScriptContent): Promise<{ updatedAt: string }>;
  publish(request: PublishRequest): Promise<PublishResponse>;
  rollback(request: RollbackRequest): Promise<PublishResponse>;
  /** The approved-answer studio, through the same session. */
  answers: AnswerStudioClient;
}

export type StudioClientOptions = Omit<AuthorizedFetchOptions, 'timeoutMs'>;

export function createStudioClient(options: StudioClientOptions): StudioClient {
  const send = createAuthorizedRequest({ ...options, timeoutMs: 15_000 });
  return {
    list: () => send('GET', '/v1/studio/scripts', studioScriptList),
    get: (scriptId) =>
      send('GET', `/v1/studio/script?${new URLSearchParams({ scriptId })}`, studioScriptDetail),
    version: (scriptId, version) =>
      send(
        'GET',
        `/v1/studio/script/version?${new URLSearchParams({ scriptId, version: String(version) })}`,
        studioVersionDetail,
      ),
    saveDraft: (scriptId, content) =>
      send('PUT', '/v1/studio/drafts', saveDraftResponse, { scriptId, content }),
    publish: (request) => send('POST', '/v1/studio/publish', publishResponse, request),
    rollback: (request) => send('POST', '/v1/studio/rollback', publishResponse, request),
    answers: createAnswerStudioClient(send),
  };
}
