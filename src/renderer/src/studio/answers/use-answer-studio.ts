import { useCallback, useEffect, useMemo, useState } from 'react';
import { lintAnswerContent, type AnswerLintIssue } from '../../../../shared/guidance';
import type { IpcError } from '../../../../shared/ipc';
import type {
  AnswerContent,
  PublishAnswerResponse,
  StudioAnswerDetail,
  StudioAnswerList,
} from '../../../../shared/protocol/answer-authoring';
import { callKoe } from '../../app/koe-call';
import type { KoeQuery } from '../../app/use-koe-query';

export interface OpenAnswer {
  answerId: string;
  detail: StudioAnswerDetail | null;
  /** What the editor shows: the draft, else the latest published content, else a new answer. */
  content: AnswerContent;
  dirty: boolean;
  savedAt: string | null;
}

/**
 * The approved-answer studio's state, the same flow as the script studio's: the list, the answer
 * open in the editor with its lint (the function the server runs again before a publish), and
 * the actions that go to the server.
 */
export function useAnswerStudio() {
  const [listRound, setListRound] = useState(0);
  const list = useAnswerList(listRound);
  const [open, setOpen] = useState<OpenAnswer | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const reloadList = useCallback(() => setListRound((n) => n + 1), []);

  const load = useCallback(async (answerId: string) => {
    setError(null);
    const result = await callKoe('answers:get', { answerId });
    if (!result.ok) return setError(result.error);
    const detail = result.value;
    const content = detail.draft?.content ?? detail.published?.content;
    if (!content) return;
    setOpen({ answerId, detail, content, dirty: false, savedAt: detail.draft?.updatedAt ?? null });
  }, []);

  const create = useCallback((answerId: string, content: AnswerContent) => {
    setError(null);
    setOpen({ answerId, detail: null, content, dirty: true, savedAt: null });
  }, []);

  const edit = useCallback((content: AnswerContent) => {
    setOpen((current) => (current ? { ...current, content, dirty: true } : current));
  }, []);

  // The duplicate-title check compares with what agents have now: the published answers.
  const published = useMemo(
    () =>
      list.status === 'success'
        ? list.value.answers
            .filter((a) => a.version !== null)
            .map((a) => ({ answerId: a.answerId, audience: a.audience, title: a.title }))
        : [],
    [list],
  );
  const issues: AnswerLintIssue[] = useMemo(
    () => (open ? lintAnswerContent(open.content, { answerId: open.answerId, published }) : []),
    [open, published],
  );

  const saveDraft = useCallback(async () => {
    if (!open) return;
    setBusy(true);
    const result = await callKoe('answers:saveDraft', {
      answerId: open.answerId,
      content: open.content,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setOpen((current) =>
      current && current.answerId === open.answerId
        ? { ...current, dirty: current.content !== open.content, savedAt: result.value.updatedAt }
        : current,
    );
    reloadList();
  }, [open, reloadList]);

  const afterPublish = useCallback(
    async (result: PublishAnswerResponse) => {
      reloadList();
      await load(result.answerId);
    },
    [load, reloadList],
  );

  const publish = useCallback(
    async (releaseNotes: string) => {
      if (!open) return null;
      setBusy(true);
      const result = await callKoe('answers:publish', {
        answerId: open.answerId,
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
      const result = await callKoe('answers:rollback', {
        answerId: open.answerId,
        version,
        releaseNotes,
      });
      setBusy(false);
      if (result.ok) await afterPublish(result.value);
      return result;
    },
    [open, afterPublish],
  );

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

export type AnswerStudio = ReturnType<typeof useAnswerStudio>;

/** The list, read again for every `round` (after a save or a publish). */
function useAnswerList(round: number): KoeQuery<StudioAnswerList> {
  const [state, setState] = useState<KoeQuery<StudioAnswerList>>({
    status: 'loading',
    previous: null,
  });
  const [retryRound, setRetryRound] = useState(0);
  useEffect(() => {
    let current = true;
    void callKoe('answers:list', {}).then((result) => {
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
