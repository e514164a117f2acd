import type { ReactNode } from 'react';
import type { Language } from '../../../shared/domain';
import type { IpcChannel, IpcResult } from '../../../shared/ipc';
import {
  authoringKinds,
  type AuthoringAction,
  type AuthoringContent,
  type AuthoringKind,
  type AuthoringKindName,
  type AuthoringOutput,
} from '../../../shared/protocol/authoring-kinds';
import { callKoe } from '../app/koe-call';
import type { StudioListItem } from './StudioItemList';
import type { AuthoringApi, AuthoringDetail, OpenItem } from './use-authoring-studio';

/** What every kind's list carries besides its items: the retailer's centers, for audiences. */
export interface AuthoringList {
  centers: readonly { id: string; name: string }[];
}

/**
 * One kind of document in the studio (scripts, approved answers): what differs between kinds,
 * as data. Everything else (the list, the new-item field, save, lint panel, publish, history and
 * rollback) is the same component for every kind; see AuthoringStudio.
 */
export interface StudioKind<
  C,
  D extends AuthoringDetail<C>,
  L extends AuthoringList,
  V,
  P,
  Issue,
  R,
> {
  /** Its calls to main (`authoringApi`), with the lint the server runs again on publish. */
  api: AuthoringApi<C, D, L, P, Issue, R> & {
    version(id: string, version: number): Promise<IpcResult<V>>;
  };
  /** An item nobody has written yet. */
  emptyContent(): C;
  /** What the list shows of each item. */
  items(list: L): StudioListItem[];
  /** The kind's words: the page, the list and a new item's id. */
  useText(): StudioKindText;
  /** One lint issue in the trainer's words. */
  useLintMessage(): (issue: Issue) => string;
  testIds: StudioKindTestIds;
  /** The open item's own tabs, the first open by default; every kind's history follows them. */
  useTabs(props: StudioEditorProps<C, D, Issue>): StudioTab[];
  /** What changed from a version picked in the history to the edited content. */
  diff(loaded: V, props: StudioEditorProps<C, D, Issue>): ReactNode;
}

export interface StudioTab {
  value: string;
  label: string;
  testId?: string;
  panel: ReactNode;
}

export interface StudioKindText {
  subtitle: string;
  listTitle: string;
  newItem: string;
  newId: string;
  choose: string;
  empty: string;
}

export interface StudioKindTestIds {
  page: string;
  /** The list is `<list>-list`, an item `<list>-<id>`. */
  list: string;
  new: { open: string; id: string; create: string };
  editor: { editor: string; save: string; publish: string; history: string };
}

/** What the desk knows that an editor may show: who reads the item out, for which retailer. */
export interface StudioDesk {
  agentName: string;
  retailerName: string;
  uiLanguage: Language;
  centers: readonly { id: string; name: string }[];
}

/** What an open item's tabs are given. */
export interface StudioEditorProps<C, D, Issue> {
  open: OpenItem<C, D>;
  issues: readonly Issue[];
  edit(content: C): void;
  desk: StudioDesk;
}

type Output<K extends AuthoringKindName, A extends AuthoringAction> = AuthoringOutput<
  AuthoringKind<K>['wire'],
  A
>;

/** A studio kind of one of the protocol's kinds, with what its lint compares and reports. */
export type StudioKindOf<K extends AuthoringKindName, P, Issue> = StudioKind<
  AuthoringContent<K>,
  Output<K, 'get'>,
  Output<K, 'list'>,
  Output<K, 'version'>,
  P,
  Issue,
  Output<K, 'publish'>
>;

/**
 * A kind's calls to main, `<channels>:<action>` with the item named by the kind's id field. The
 * channels are typed by the contract; this is the one place that names them from the kind.
 */
export function authoringApi<K extends AuthoringKindName, P, Issue>(
  name: K,
  rules: {
    /** What the lint compares with: what agents have now, the published items of the list. */
    published(list: Output<K, 'list'>): P[];
    /** The same function the server runs before it accepts a publish. */
    lint(content: AuthoringContent<K>, id: string, published: P[]): Issue[];
  },
) {
  const { channels, idKey } = authoringKinds[name];
  const call = <A extends AuthoringAction>(action: A, input: object) =>
    callKoe(`${channels}:${action}` as IpcChannel, input as never) as Promise<
      IpcResult<Output<K, A>>
    >;
  return {
    ...rules,
    list: () => call('list', {}),
    get: (id: string) => call('get', { [idKey]: id }),
    version: (id: string, version: number) => call('version', { [idKey]: id, version }),
    saveDraft: (id: string, content: AuthoringContent<K>) =>
      call('saveDraft', { [idKey]: id, content }),
    publish: (id: string, content: AuthoringContent<K>, releaseNotes: string) =>
      call('publish', { [idKey]: id, content, releaseNotes }),
    rollback: (id: string, version: number, releaseNotes: string) =>
      call('rollback', { [idKey]: id, version, releaseNotes }),
  };
}
