import type { z } from 'zod';
import { auditPublication } from '../data/access-audit';
import { answerAuthoring } from '../data/answer-studio';
import { scriptAuthoring } from '../data/script-studio';
import {
  STUDIO_AUTHORS,
  summaryOf,
  versionedAuthoring,
  type AuthoringKind,
} from '../data/studio-authoring';
import { answerSchemas, type AnswerContent } from '../../../src/shared/protocol/answer-authoring';
import type { VersionInfo } from '../../../src/shared/protocol/authoring-wire';
import { scriptSchemas, type ScriptContent } from '../../../src/shared/protocol/script-authoring';
import type { Principal } from '../auth/access-tokens';
import type { ServerStore } from '../db/connect';
import { defineRoute, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';

export interface AuthoringDeps {
  store: ServerStore;
  notifier: ChangeNotifier;
}

/** A request naming one studio item by the kind's id field (`scriptId`, `answerId`). */
type Named<K extends string> = { [P in K]: string };

type Audienced = { title: unknown; audience: { centers: readonly string[] } };

/** What a publish or rollback answers, besides the item's id. */
type Published = { version: number; publishedAt: string; cursor: string };

/**
 * One kind of versioned studio document as the API shows it: its stored flow, its wire schemas
 * (authoring-wire.ts), its id and list fields, and its URLs (kept as they were first published).
 */
export interface AuthoringRouteKind<C extends Audienced, K extends string> {
  authoring: AuthoringKind<C, VersionInfo>;
  /** 'script', 'answer': the summaries' and the audit's name for one item. */
  noun: 'script' | 'answer';
  /** How the list's summary names the items. */
  plural: string;
  idKey: K;
  listKey: string;
  /** What the list shows of an item besides its title, status, version and audience. */
  listed(shown: C): object;
  urls: {
    list: string;
    item: string;
    version: string;
    drafts: string;
    publish: string;
    rollback: string;
  };
  schemas: {
    list: z.ZodType;
    detail: z.ZodType;
    query: z.ZodType<Named<K>>;
    versionQuery: z.ZodType<Named<K> & { version: number }>;
    versionDetail: z.ZodType;
    saveDraftRequest: z.ZodType<Named<K> & { content: C }>;
    saveDraftResponse: z.ZodType;
    publishRequest: z.ZodType<Named<K> & { content: C; releaseNotes: string }>;
    rollbackRequest: z.ZodType<Named<K> & { version: number; releaseNotes: string }>;
    publishResponse: z.ZodType;
  };
}

export const SCRIPT_ROUTES: AuthoringRouteKind<ScriptContent, 'scriptId'> = {
  authoring: scriptAuthoring,
  noun: 'script',
  plural: 'scripts',
  idKey: 'scriptId',
  listKey: 'scripts',
  listed: (shown) => ({ triggers: shown.triggers }),
  urls: {
    list: '/v1/studio/scripts',
    item: '/v1/studio/script',
    version: '/v1/studio/script/version',
    drafts: '/v1/studio/drafts',
    publish: '/v1/studio/publish',
    rollback: '/v1/studio/rollback',
  },
  schemas: scriptSchemas,
};

export const ANSWER_ROUTES: AuthoringRouteKind<AnswerContent, 'answerId'> = {
  authoring: answerAuthoring,
  noun: 'answer',
  plural: 'approved answers',
  idKey: 'answerId',
  listKey: 'answers',
  listed: () => ({}),
  urls: {
    list: '/v1/studio/answers',
    item: '/v1/studio/answers/answer',
    version: '/v1/studio/answers/version',
    drafts: '/v1/studio/answers/drafts',
    publish: '/v1/studio/answers/publish',
    rollback: '/v1/studio/answers/rollback',
  },
  schemas: answerSchemas,
};

/**
 * A studio's API, the same for every versioned document (scripts, approved answers): drafts,
 * publish (after the same lint the studio runs), version history and rollback. A publish writes
 * one record per language into the tenant's change log, audits it, and tells connected
 * desktops, which pull it within seconds.
 */
export function authoringRoutes<C extends Audienced, K extends string>(
  kind: AuthoringRouteKind<C, K>,
  { store, notifier }: AuthoringDeps,
): RouteSpec[] {
  const items = versionedAuthoring(store.db, notifier, kind.authoring);
  const { noun, idKey, urls, schemas } = kind;
  const named = (id: string) => ({ [idKey]: id }) as Named<K>;

  /**
   * A publish or a rollback: both write the next immutable version (60 a minute at most), are
   * audited, and answer with the item's id.
   */
  function publishing<B extends Named<K>>(
    action: 'publish' | 'rollback',
    summary: string,
    body: z.ZodType<B>,
    run: (principal: Principal, id: string, body: B) => Promise<Published>,
  ) {
    return defineRoute({
      method: 'POST',
      url: urls[action],
      summary,
      roles: STUDIO_AUTHORS,
      body,
      response: schemas.publishResponse,
      rateLimitPerMinute: 60,
      handler: async ({ principal, body: sent }) => {
        const id = sent[idKey];
        const published = await run(principal, id, sent);
        await auditPublication(store.db, principal, {
          what: noun,
          id,
          version: published.version,
          action,
        });
        return { ...named(id), ...published };
      },
    });
  }

  return [
    defineRoute({
      method: 'GET',
      url: urls.list,
      summary: `List the ${kind.plural} of the studio with their status, version and audience`,
      roles: STUDIO_AUTHORS,
      response: schemas.list,
      handler: async ({ principal }) => {
        const { centers, items: found } = await items.list(principal.tenantId);
        const summaries = found.map((i) => ({
          ...named(i.id),
          ...summaryOf(noun, i.id, i.latest, i.draft, kind.listed),
        }));
        return { centers, [kind.listKey]: summaries };
      },
    }),
    defineRoute({
      method: 'GET',
      url: urls.item,
      summary: `A studio ${noun}: its draft, its latest published content and its versions`,
      roles: STUDIO_AUTHORS,
      query: schemas.query,
      response: schemas.detail,
      handler: async ({ principal, query }) => ({
        ...named(query[idKey]),
        ...(await items.detail(principal.tenantId, query[idKey])),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: urls.version,
      summary: `One published version of a studio ${noun} (for the history and its diff)`,
      roles: STUDIO_AUTHORS,
      query: schemas.versionQuery,
      response: schemas.versionDetail,
      handler: async ({ principal, query }) => {
        const found = await items.version(principal.tenantId, query[idKey], query.version);
        return { ...named(query[idKey]), info: found.info, content: found.content };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: urls.drafts,
      summary: `Save the draft of a studio ${noun} (agents never see drafts)`,
      roles: STUDIO_AUTHORS,
      body: schemas.saveDraftRequest,
      response: schemas.saveDraftResponse,
      handler: ({ principal, body }) => items.saveDraft(principal, body[idKey], body.content),
    }),
    publishing(
      'publish',
      `Publish a studio ${noun} as its next immutable version (refused unless it lints clean)`,
      schemas.publishRequest,
      (principal, id, b) => items.publish(principal, id, b.content, b.releaseNotes),
    ),
    publishing(
      'rollback',
      "Publish an earlier version's content again, as a new version with release notes",
      schemas.rollbackRequest,
      (principal, id, b) => items.rollback(principal, id, b.version, b.releaseNotes),
    ),
  ];
}
