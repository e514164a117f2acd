import { z } from 'zod';
import {
  publishAnswerRequest,
  rollbackAnswerRequest,
  saveAnswerDraftRequest,
  studioAnswerId,
  type PublishAnswerResponse,
  type StudioAnswerDetail,
  type StudioAnswerList,
  type StudioAnswerVersionDetail,
} from './protocol/answer-authoring';

/**
 * The approved-answer studio's part of the IPC contract (spread into the studio's channels, so
 * the same role check applies). The core forwards each call to the retailer's API with the
 * signed-in session; the server checks the role and runs the lint again on publish.
 */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({
    input,
    output: undefined as unknown as Output,
  });
}

export const answerStudioIpcHandlers = {
  'answers:list': channel<StudioAnswerList>()(z.object({}).strict()),
  'answers:get': channel<StudioAnswerDetail>()(z.object({ answerId: studioAnswerId }).strict()),
  'answers:version': channel<StudioAnswerVersionDetail>()(
    z.object({ answerId: studioAnswerId, version: z.number().int().min(1) }).strict(),
  ),
  'answers:saveDraft': channel<{ updatedAt: string }>()(saveAnswerDraftRequest.strict()),
  'answers:publish': channel<PublishAnswerResponse>()(publishAnswerRequest.strict()),
  'answers:rollback': channel<PublishAnswerResponse>()(rollbackAnswerRequest.strict()),
};
