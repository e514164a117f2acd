import { auditPublication } from '../data/access-audit';
import { contentToAnswers } from '../../../src/shared/guidance/answer-content';
import { lintAnswerContent, type AnswerLintIssue } from '../../../src/shared/guidance/answer-lint';
import {
  publishAnswerRequest,
  publishAnswerResponse,
  rollbackAnswerRequest,
  saveAnswerDraftRequest,
  saveAnswerDraftResponse,
  studioAnswerDetail,
  studioAnswerList,
  studioAnswerQuery,
  studioAnswerVersionDetail,
  studioAnswerVersionQuery,
  type AnswerContent,
} from '../../../src/shared/protocol/answer-authoring';
import type { VersionInfo } from '../../../src/shared/protocol/authoring-wire';
import {
  ANSWER_DRAFTS,
  publishedTitles,
  readAnswerDrafts,
  readPublishedAnswers,
  summarizeAnswer,
} from '../data/answer-studio';
import {
  STUDIO_AUTHORS,
  versionedAuthoring,
  type AuthoringKind,
  type Publication,
} from '../data/studio-authoring';
import type { ServerStore } from '../db/connect';
import { defineRoute, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';

export interface AnswerAuthoringDeps {
  store: ServerStore;
  notifier: ChangeNotifier;
}

function describeIssue(issue: AnswerLintIssue): string {
  return `${issue.kind} (${issue.language})`;
}

/** How the approved-answer studio differs from the script studio's shared flow. */
function answerKind(): AuthoringKind<AnswerContent, VersionInfo> {
  return {
    noun: 'answer',
    drafts: ANSWER_DRAFTS,
    readPublished: readPublishedAnswers,
    readDrafts: readAnswerDrafts,
    lint: (content, answerId, answers) =>
      lintAnswerContent(content, { answerId, published: publishedTitles(answers) }).map(
        describeIssue,
      ),
    writeVersion: writeAnswerVersion,
  };
}

/** The answer's publication rows, and its records: one per language, minus dropped languages. */
async function writeAnswerVersion(p: Publication<AnswerContent>) {
  const { trx, id: answerId, version, content } = p;
  const tenantId = p.principal.tenantId;
  const records = contentToAnswers(answerId, content, { version, publishedAt: p.publishedAt });
  await trx
    .insertInto('answer_publications')
    .values({
      tenant_id: tenantId,
      answer_id: answerId,
      version,
      centers: JSON.stringify(content.audience.centers),
      release_notes: p.releaseNotes,
      published_by: p.principal.userId,
      published_by_name: p.publishedBy,
      published_at: p.publishedAt,
      rollback_of: p.rollbackOf,
    })
    .execute();
  await trx
    .insertInto('answer_publication_texts')
    .values(
      records.map((r) => ({
        tenant_id: tenantId,
        answer_id: answerId,
        version,
        language: r.language,
        title: r.title,
        body: r.body,
        tags: JSON.stringify(r.tags),
      })),
    )
    .execute();
  // A language dropped from the audience must leave agents' desktops too.
  const dropped = (['ja', 'en'] as const)
    .filter((l) => !content.audience.languages.includes(l))
    .map((l) => ({ type: 'knowledge_answer' as const, id: `${answerId}-${l}` }));
  const live =
    dropped.length === 0
      ? []
      : await trx
          .selectFrom('records')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('type', '=', 'knowledge_answer')
          .where('deleted', '=', 0)
          .where(
            'id',
            'in',
            dropped.map((d) => d.id),
          )
          .execute();
  return {
    records: records.map((data) => ({ type: 'knowledge_answer' as const, data })),
    deletions: dropped.filter((d) => live.some((r) => r.id === d.id)),
  };
}

/**
 * The approved-answer studio's API, the same flow as the script studio's: drafts, publish
 * (after the same lint the studio runs), version history and rollback. A publish writes one
 * `knowledge_answer` record per language into the tenant's change log and tells connected
 * desktops, which pull it within seconds; agents find it in the answer search.
 */
export function answerAuthoringRoutes({ store, notifier }: AnswerAuthoringDeps): RouteSpec[] {
  const answers = versionedAuthoring(store.db, notifier, answerKind());

  return [
    defineRoute({
      method: 'GET',
      url: '/v1/studio/answers',
      summary: 'List the approved answers of the studio with their status, version and audience',
      roles: STUDIO_AUTHORS,
      response: studioAnswerList,
      handler: async ({ principal }) => {
        const { centers, items } = await answers.list(principal.tenantId);
        return { centers, answers: items.map((i) => summarizeAnswer(i.id, i.latest, i.draft)) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/studio/answers/answer',
      summary: 'A studio answer: its draft, its latest published content and its versions',
      roles: STUDIO_AUTHORS,
      query: studioAnswerQuery,
      response: studioAnswerDetail,
      handler: async ({ principal, query }) => ({
        answerId: query.answerId,
        ...(await answers.detail(principal.tenantId, query.answerId)),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/studio/answers/version',
      summary: 'One published version of a studio answer (for the history and its diff)',
      roles: STUDIO_AUTHORS,
      query: studioAnswerVersionQuery,
      response: studioAnswerVersionDetail,
      handler: async ({ principal, query }) => {
        const found = await answers.version(principal.tenantId, query.answerId, query.version);
        return { answerId: query.answerId, info: found.info, content: found.content };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/studio/answers/drafts',
      summary: 'Save the draft of a studio answer (agents never see drafts)',
      roles: STUDIO_AUTHORS,
      body: saveAnswerDraftRequest,
      response: saveAnswerDraftResponse,
      handler: ({ principal, body }) => answers.saveDraft(principal, body.answerId, body.content),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/studio/answers/publish',
      summary:
        'Publish a studio answer as its next immutable version (refused unless it lints clean)',
      roles: STUDIO_AUTHORS,
      body: publishAnswerRequest,
      response: publishAnswerResponse,
      rateLimitPerMinute: 60,
      handler: async ({ principal, body }) => {
        const published = await answers.publish(
          principal,
          body.answerId,
          body.content,
          body.releaseNotes,
        );
        await auditPublication(store.db, principal, {
          what: 'answer',
          id: body.answerId,
          version: published.version,
          action: 'publish',
        });
        return { answerId: body.answerId, ...published };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/studio/answers/rollback',
      summary: "Publish an earlier version's content again, as a new version with release notes",
      roles: STUDIO_AUTHORS,
      body: rollbackAnswerRequest,
      response: publishAnswerResponse,
      rateLimitPerMinute: 60,
      handler: async ({ principal, body }) => {
        const published = await answers.rollback(
          principal,
          body.answerId,
          body.version,
          body.releaseNotes,
        );
        await auditPublication(store.db, principal, {
          what: 'answer',
          id: body.answerId,
          version: published.version,
          action: 'rollback',
        });
        return { answerId: body.answerId, ...published };
      },
    }),
  ];
}
