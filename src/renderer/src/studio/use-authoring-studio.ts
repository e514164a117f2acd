import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IpcError, IpcResult } from '../../../shared/ipc';
import type { VersionInfo } from '../../../shared/protocol/authoring-wire';
import type { KoeQuery } from '../app/use-koe-query';

/** What the studio reads of an item's detail, whatever kind of item it is. */
export interface AuthoringDetail<C> {
  draft: { content: C; updatedAt: string } | null;
  published: { version: number; content: C } | null;
  /** Newest first. */
  versions: readonly VersionInfo[];
}

export interface OpenItem<C, D> {
  id: string;
  detail: D | null;
  /** What the editor shows: the draft, else the latest published content, else a new item. */
  content: C;
  /** Changed since it was opened or last saved. */
  dirty: boolean;
  savedAt: string | null;
}

/**
 * How one kind of studio item (scripts, approved answers) reaches main, and its lint. Give a
 * module-level object: the hook's callbacks depend on it.
 */
export interface AuthoringApi<C, D extends AuthoringDetail<C>, L, P, Issue, R> {
  list(): Promise<IpcResult<L>>;
  get(id: string): Promise<IpcResult<D>>;
  saveDraft(id: string, content: C): Promise<IpcResult<{ updatedAt: string }>>;
  publish(id: string, content: C, releaseNotes: string): Promise<IpcResult<R>>;
  rollback(id: string, version: number, releaseNotes: string): Promise<IpcResult<R>>;
  /** What the lint compares with: what agents have now, the published items of the list. */
  published(list: L): P[];
  /** The same function the server runs before it accepts a publish. */
  lint(content: C, id: string, published: P[]): Issue[];
}

/**
 * A studio's state: the list of items, the one open in the editor and its lint, and the
 * actions that go to the server. Both the script and the approved-answer studio run on it.
 */
export function useAuthoringStudio<C, D extends AuthoringDetail<C>, L, P, Issue, R>(
  api: AuthoringApi<C, D, L, P, Issue, R>,
) {
  const [listRound, setListRound] = useState(0);
  const list = useAuthoringList(api, listRound);
  const [open, setOpen] = useState<OpenItem<C, D> | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const reloadList = useCallback(() => setListRound((n) => n + 1), []);

  const load = useCallback(
    async (id: string) => {
      setError(null);
      const result = await api.get(id);
      if (!result.ok) return setError(result.error);
      const detail = result.value;
      const content = detail.draft?.content ?? detail.published?.content;
      if (content === undefined) return;
      setOpen({ id, detail, content, dirty: false, savedAt: detail.draft?.updatedAt ?? null });
    },
    [api],
  );

  const create = useCallback((id: string, content: C) => {
    setError(null);
    setOpen({ id, detail: null, content, dirty: true, savedAt: null });
  }, []);

  const edit = useCallback((content: C) => {
    setOpen((current) => (current ? { ...current, content, dirty: true } : current));
  }, []);

  const published = useMemo(
    () => (list.status === 'success' ? api.published(list.value) : []),
    [api, list],
  );
  const issues: Issue[] = useMemo(
    () => (open ? api.lint(open.content, open.id, published) : []),
    [api, open, published],
  );

  const saveDraft = useCallback(async () => {
    if (!open) return;
    setBusy(true);
    const result = await api.saveDraft(open.id, open.content);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setOpen((current) =>
      current && current.id === open.id
        ? { ...current, dirty: current.content !== open.content, savedAt: result.value.updatedAt }
        : current,
    );
    reloadList();
  }, [api, open, reloadList]);

  /** A publish or rollback: busy while it runs, then the list and the item read again. */
  const publishing = useCallback(
    async (id: string, run: () => Promise<IpcResult<R>>) => {
      setBusy(true);
      const result = await run();
      setBusy(false);
      if (result.ok) {
        reloadList();
        await load(id);
      }
      return result;
    },
    [load, reloadList],
  );

  const publish = useCallback(
    async (releaseNotes: string) =>
      open ? publishing(open.id, () => api.publish(open.id, open.content, releaseNotes)) : null,
    [api, open, publishing],
  );

  const rollback = useCallback(
    async (version: number, releaseNotes: string) =>
      open ? publishing(open.id, () => api.rollback(open.id, version, releaseNotes)) : null,
    [api, open, publishing],
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

/** The list, read again for every `round` (after a save or a publish). */
function useAuthoringList<L>(api: { list(): Promise<IpcResult<L>> }, round: number): KoeQuery<L> {
  const [state, setState] = useState<KoeQuery<L>>({ status: 'loading', previous: null });
  const [retryRound, setRetryRound] = useState(0);
  useEffect(() => {
    let current = true;
    void api.list().then((result) => {
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
  }, [api, round, retryRound]);
  return state;
}
