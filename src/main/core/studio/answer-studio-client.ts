import {
  publishAnswerResponse,
  saveAnswerDraftResponse,
  studioAnswerDetail,
  studioAnswerList,
  studioAnswerVersionDetail,
  type AnswerContent,
  type PublishAnswerRequest,
  type PublishAnswerResponse,
  type RollbackAnswerRequest,
  type StudioAnswerDetail,
  type StudioAnswerList,
  type StudioAnswerVersionDetail,
} from '../../../shared/protocol/answer-authoring';
import type { AuthorizedRequest } from '../retailer-client/authorized-fetch';

/** The retailer API's approved-answer studio endpoints. */
export interface AnswerStudioClient {
  list(): Promise<StudioAnswerList>;
  get(answerId: string): Promise<StudioAnswerDetail>;
  version(answerId: string, version: number): Promise<StudioAnswerVersionDetail>;
  saveDraft(answerId: string, content: AnswerContent): Promise<{ updatedAt: string }>;
  publish(request: PublishAnswerRequest): Promise<PublishAnswerResponse>;
  rollback(request: RollbackAnswerRequest): Promise<PublishAnswerResponse>;
}

export function createAnswerStudioClient(send: AuthorizedRequest): AnswerStudioClient {
  return {
    list: () => send('GET', '/v1/studio/answers', studioAnswerList),
    get: (answerId) =>
      send(
        'GET',
        `/v1/studio/answers/answer?${new URLSearchParams({ answerId })}`,
        studioAnswerDetail,
      ),
    version: (answerId, version) =>
      send(
        'GET',
        `/v1/studio/answers/version?${new URLSearchParams({ answerId, version: String(version) })}`,
        studioAnswerVersionDetail,
      ),
    saveDraft: (answerId, content) =>
      send('PUT', '/v1/studio/answers/drafts', saveAnswerDraftResponse, { answerId, content }),
    publish: (request) =>
      send('POST', '/v1/studio/answers/publish', publishAnswerResponse, request),
    rollback: (request) =>
      send('POST', '/v1/studio/answers/rollback', publishAnswerResponse, request),
  };
}
