import { z } from 'zod';
import { answerStudioIpcHandlers } from './answer-studio-ipc';
import type { Language } from './domain/primitives';
import {
  publishRequest,
  rollbackRequest,
  saveDraftRequest,
  studioScriptId,
  type PublishResponse,
  type StudioScriptDetail,
  type StudioScriptList,
  type StudioVersionDetail,
} from './protocol/script-authoring';

/**
 * The script studio's part of the IPC contract (spread into `ipcHandlers` in ipc.ts). The core
 * forwards each call to the retailer's API with the signed-in session; the server checks the
 * role and runs the lint again on publish.
 */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({
    input,
    output: undefined as unknown as Output,
  });
}

export const studioIpcHandlers = {
  'studio:list': channel<StudioScriptList>()(z.object({}).strict()),
  'studio:get': channel<StudioScriptDetail>()(z.object({ scriptId: studioScriptId }).strict()),
  'studio:version': channel<StudioVersionDetail>()(
    z.object({ scriptId: studioScriptId, version: z.number().int().min(1) }).strict(),
  ),
  'studio:saveDraft': channel<{ updatedAt: string }>()(saveDraftRequest.strict()),
  'studio:publish': channel<PublishResponse>()(publishRequest.strict()),
  'studio:rollback': channel<PublishResponse>()(rollbackRequest.strict()),
  ...answerStudioIpcHandlers,
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
