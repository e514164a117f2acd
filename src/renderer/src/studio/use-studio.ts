import { lintScriptContent, type PublishedScriptTriggers } from '../../../shared/guidance';
import type {
  ScriptContent,
  StudioScriptDetail,
  StudioScriptList,
} from '../../../shared/protocol/script-authoring';
import { callKoe } from '../app/koe-call';
import { useAuthoringStudio, type OpenItem } from './use-authoring-studio';

export type OpenScript = OpenItem<ScriptContent, StudioScriptDetail>;

/** The script studio's calls to main; the lint compares triggers with the published scripts. */
const scriptApi = {
  list: () => callKoe('scripts:list', {}),
  get: (scriptId: string) => callKoe('scripts:get', { scriptId }),
  saveDraft: (scriptId: string, content: ScriptContent) =>
    callKoe('scripts:saveDraft', { scriptId, content }),
  publish: (scriptId: string, content: ScriptContent, releaseNotes: string) =>
    callKoe('scripts:publish', { scriptId, content, releaseNotes }),
  rollback: (scriptId: string, version: number, releaseNotes: string) =>
    callKoe('scripts:rollback', { scriptId, version, releaseNotes }),
  published: (list: StudioScriptList): PublishedScriptTriggers[] =>
    list.scripts
      .filter((s) => s.version !== null)
      .map((s) => ({ scriptId: s.scriptId, audience: s.audience, triggers: s.triggers })),
  lint: (content: ScriptContent, scriptId: string, published: PublishedScriptTriggers[]) =>
    lintScriptContent(content, { scriptId, published }),
};

/** The script studio's state: see `useAuthoringStudio`. */
export const useStudio = () => useAuthoringStudio(scriptApi);

export type Studio = ReturnType<typeof useStudio>;
