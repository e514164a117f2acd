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
  type PublishAnswerResponse,
} from '../../../src/shared/protocol/answer-authoring';
import type { Principal } from '../auth/access-tokens';
import {
  publishedTitles,
  readAnswerDrafts,
  readPublishedAnswers,
  summarizeAnswer,
} from '../data/answer-studio';
import { applyChanges } from '../data/change-log';
import {
  authorName,
  checkAudienceCenters,
  latestOf,
  publishOnce,
  readCenters,
  STUDIO_AUTHORS,
} from '../data/studio-authoring';
import type { ServerStore } from '../db/connect';
import { defineRoute, HttpError, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';

export interface AnswerAuthoringDeps {
  store: ServerStore;
  notifier: ChangeNotifier;
}

function describeIssue(issue: AnswerLintIssue): string {
  return `${issue.kind} (${issue.language})`;
}

/**
 * The approved-answer studio's API, the same flow as the script studio's: drafts, publish
 * (after the same lint the studio runs), version history and rollback. A publish writes one
 * `knowledge_answer` record per language into the tenant's change log and tells connected
 * desktops, which pull it within seconds; agents find it in the answer search.
 */
export function answerAuthoringRoutes({ store, notifier }: AnswerAuthoringDeps): RouteSpec[] {
  const { db } = store;

  async function publish(
    principal: Principal,
    answerId: string,
    content: AnswerContent,
    releaseNotes: string,
    rollbackOf: number | null,
  ): Promise<PublishAnswerResponse> {
    const { tenantId } = principal;
    await checkAudienceCenters(db, tenantId, content.audience.centers);
    const issues = lintAnswerContent(content, {
      answerId,
      published: publishedTitles(await readPublishedAnswers(db, tenantId)),
    });
    if (issues.length > 0) {
      throw new HttpError(
        422,
        'lint_failed',
        `The answer does not pass the lint: ${issues.slice(0, 10).map(describeIssue).join(', ')}`,
      );
    }
    const publishedBy = await authorName(db, principal);
    const publishedAt = new Date().toISOString();
    const result = await publishOnce('answer', () =>
      db.transaction().execute(async (trx) => {
        // Read again inside the transaction: the version number is max + 1 of what is stored
        // (publications and pushed records alike), and the publications' primary key refuses a
        // second publish of the same number.
        const mine = (await readPublishedAnswers(trx, tenantId)).get(answerId);
        const version = Math.max(0, ...(mine?.keys() ?? [])) + 1;
        const records = contentToAnswers(answerId, content, { version, publishedAt });
        await trx
          .insertInto('answer_publications')
          .values({
            tenant_id: tenantId,
            answer_id: answerId,
            version,
            centers: JSON.stringify(content.audience.centers),
            release_notes: releaseNotes,
            published_by: principal.userId,
            published_by_name: publishedBy,
            published_at: publishedAt,
            rollback_of: rollbackOf,
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
        const deletions = dropped.filter((d) => live.some((r) => r.id === d.id));
        const applied = await applyChanges(
          trx,
          tenantId,
          records.map((data) => ({ type: 'knowledge_answer' as const, data })),
          deletions,
        );
        await trx
          .deleteFrom('answer_drafts')
          .where('tenant_id', '=', tenantId)
          .where('answer_id', '=', answerId)
          .execute();
        return { version, lastSeq: applied.lastSeq };
      }),
    );
    if (result.lastSeq !== null) await notifier.publish(tenantId, result.lastSeq);
    return {
      answerId,
      version: result.version,
      publishedAt,
      cursor: String(result.lastSeq ?? 0),
    };
  }

  return [
    defineRoute({
      method: 'GET',
      url: '/v1/studio/answers',
      summary: 'List the approved answers of the studio with their status, version and audience',
      roles: STUDIO_AUTHORS,
      response: studioAnswerList,
      handler: async ({ principal }) => {
        const [answers, drafts, centers] = await Promise.all([
          readPublishedAnswers(db, principal.tenantId),
          readAnswerDrafts(db, principal.tenantId),
          readCenters(db, principal.tenantId),
        ]);
        const ids = [...new Set([...answers.keys(), ...drafts.keys()])].sort();
        return {
          centers,
          answers: ids.map((id) =>
            summarizeAnswer(id, latestOf(answers.get(id)), drafts.get(id) ?? null),
          ),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/studio/answers/answer',
      summary: 'A studio answer: its draft, its latest published content and its versions',
      roles: STUDIO_AUTHORS,
      query: studioAnswerQuery,
      response: studioAnswerDetail,
      handler: async ({ principal, query }) => {
        const [answers, drafts] = await Promise.all([
          readPublishedAnswers(db, principal.tenantId),
          readAnswerDrafts(db, principal.tenantId),
        ]);
        const versions = answers.get(query.answerId);
        const draft = drafts.get(query.answerId) ?? null;
        if (!versions && !draft) {
          throw new HttpError(404, 'not_found', `No answer ${query.answerId}.`);
        }
        const latest = latestOf(versions);
        return {
          answerId: query.answerId,
          draft,
          published: latest ? { version: latest.info.version, content: latest.content } : null,
          versions: [...(versions?.values() ?? [])]
            .map((v) => v.info)
            .sort((a, b) => b.version - a.version),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/studio/answers/version',
      summary: 'One published version of a studio answer (for the history and its diff)',
      roles: STUDIO_AUTHORS,
      query: studioAnswerVersionQuery,
      response: studioAnswerVersionDetail,
      handler: async ({ principal, query }) => {
        const answers = await readPublishedAnswers(db, principal.tenantId);
        const found = answers.get(query.answerId)?.get(query.version);
        if (!found) {
          throw new HttpError(
            404,
            'not_found',
            `No version ${query.version} of ${query.answerId}.`,
          );
        }
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
      handler: async ({ principal, body }) => {
        await checkAudienceCenters(db, principal.tenantId, body.content.audience.centers);
        const updatedAt = new Date().toISOString();
        const row = {
          tenant_id: principal.tenantId,
          answer_id: body.answerId,
          content: JSON.stringify(body.content),
          updated_by: principal.userId,
          updated_at: updatedAt,
        };
        await db
          .insertInto('answer_drafts')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'answer_id']).doUpdateSet({
              content: row.content,
              updated_by: row.updated_by,
              updated_at: row.updated_at,
            }),
          )
          .execute();
        return { updatedAt };
      },
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
      handler: ({ principal, body }) =>
        publish(principal, body.answerId, body.content, body.releaseNotes, null),
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
        const answers = await readPublishedAnswers(db, principal.tenantId);
        const old = answers.get(body.answerId)?.get(body.version);
        if (!old) {
          throw new HttpError(404, 'not_found', `No version ${body.version} of ${body.answerId}.`);
        }
        return publish(principal, body.answerId, old.content, body.releaseNotes, body.version);
      },
    }),
  ];
}
