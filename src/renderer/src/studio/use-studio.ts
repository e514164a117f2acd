import { useCallback, useEffect, useMemo, useState } from 'react';
import { lintScriptContent, type ScriptLintIssue } from '../../../shared/guidance';
import type { IpcError } from '../../../shared/ipc';
import type {
  PublishResponse,
  ScriptContent,
  StudioScriptDetail,
  StudioScriptList,
} from '../../../shared/protocol/script-authoring';
import { callKoe } from '../app/koe-call';
import type { KoeQuery } from '../app/use-koe-query';

export interface OpenScript {
  scriptId: string;
  detail: StudioScriptDetail | null;
  /** What the editor shows: the draft, else the latest published content, else a new script. */
  content: ScriptContent;
  /** Changed since it was opened or last saved. */
  dirty: boolean;
  savedAt: string | null;
}

/**
 * The studio's state: the list of scripts, the one open in the editor and its lint (the same
 * function the server runs before it accepts a publish), and the actions that go to the server.
 */
export function useStudio() {
  const [listRound, setListRound] = useState(0);
  const list = useStudioList(listRound);
  const [open, setOpen] = useState<OpenScript | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const reloadList = useCallback(() => setListRound((n) => n + 1), []);

  const load = useCallback(async (scriptId: string) => {
    setError(null);
    const result = await callKoe('studio:get', { scriptId });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const detail = result.value;
    const content = detail.draft?.content ?? detail.published?.content;
    if (!content) return;
    setOpen({
      scriptId,
      detail,
      content,
      dirty: false,
      savedAt: detail.draft?.updatedAt ?? null,
    });
  }, []);

  const create = useCallback((scriptId: string, content: ScriptContent) => {
    setError(null);
    setOpen({ scriptId, detail: null, content, dirty: true, savedAt: null });
  }, []);

  const edit = useCallback((content: ScriptContent) => {
    setOpen((current) => (current ? { ...current, content, dirty: true } : current));
  }, []);

  const published = useMemo(
    () =>
      list.status === 'success'
        ? list.value.scripts
            .filter((s) => s.version !== null)
            .map((s) => ({ scriptId: s.scriptId, audience: s.audience, triggers: s.triggers }))
        : [],
    [list],
  );
  const issues: ScriptLintIssue[] = useMemo(
    () => (open ? lintScriptContent(open.content, { scriptId: open.scriptId, published }) : []),
    [open, published],
  );

  const saveDraft = useCallback(async () => {
    if (!open) return;
    setBusy(true);
    const result = await callKoe('studio:saveDraft', {
      scriptId: open.scriptId,
      content: open.content,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setOpen((current) =>
      current && current.scriptId === open.scriptId
        ? { ...current, dirty: current.content !== open.content, savedAt: result.value.updatedAt }
        : current,
    );
    reloadList();
  }, [open, reloadList]);

  const afterPublish = useCallback(
    async (result: PublishResponse) => {
      reloadList();
      await load(result.scriptId);
    },
    [load, reloadList],
  );

  const publish = useCallback(
    async (releaseNotes: string) => {
      if (!open) return null;
      setBusy(true);
      const result = await callKoe('studio:publish', {
        scriptId: open.scriptId,
        content: open.content,
        releaseNotes,
      });
      setBusy(false);
      if (result.ok) await afterPublish(result.value);
      return result;
    },
    [open, afterPublish],
  );

  const rollback = useCallback(
    async (version: number, releaseNotes: string) => {
      if (!open) return null;
      setBusy(true);
      const result = await callKoe('studio:rollback', {
        scriptId: open.scriptId,
        version,
        releaseNotes,
      });
      setBusy(false);
      if (result.ok) await afterPublish(result.value);
      return result;
    },
    [open, afterPublish],
  );

  // A list that failed to load is the studio's error too (the retry lives on the list).
  const shownError = error ?? (list.status === 'error' ? list.error : null);
  return {
    list,
    open,
    issues,
    error: shownError,
    busy,
    load,
    create,
    edit,
    saveDraft,
    publish,
    rollback,
  };
}

export type Studio = ReturnType<typeof useStudio>;

/** The list, read again for every `round` (after a save or a publish). */
function useStudioList(round: number): KoeQuery<StudioScriptList> {
  const [state, setState] = useState<KoeQuery<StudioScriptList>>({
    status: 'loading',
    previous: null,
  });
  const [retryRound, setRetryRound] = useState(0);
  useEffect(() => {
    let current = true;
    void callKoe('studio:list', {}).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { status: 'success', value: result.value }
          : { status: 'error', error: result.error, retry: () => setRetryRound((n) => n + 1) },
      );
    });
    return () => {
      current = false;
    };
  }, [round, retryRound]);
  return state;
}
