import type { KnowledgeAnswer } from '../../../src/shared/domain/guidance';
import type { Language } from '../../../src/shared/domain/primitives';
import {
  answersToContent,
  contentToAnswers,
  groupStudioAnswers,
} from '../../../src/shared/guidance/answer-content';
import {
  lintAnswerContent,
  type AnswerLintIssue,
  type PublishedAnswerTitles,
} from '../../../src/shared/guidance/answer-lint';
import { answerContent, type AnswerContent } from '../../../src/shared/protocol/answer-authoring';
import type { VersionInfo } from '../../../src/shared/protocol/authoring-wire';
import type { ServerDb } from '../db/schema';
import {
  addPublication,
  latestOfEach,
  publicationColumns,
  readPublishedRecords,
  type AuthoringKind,
  type Publication,
  type PublishedItems,
} from './studio-authoring';

const parseList = (json: string) => JSON.parse(json) as string[];

/**
 * The studio's view of a tenant's approved answers. The change log's `knowledge_answer` records
 * are what agents have, whoever published them (the studio, or a retailer's own system through
 * `/v1/data/batch`; the log keeps only the latest record per language); the studio's
 * publication rows add every earlier version, who published it and rollbacks. A knowledge base
 * is hundreds of answers, so it is read whole, like the scripts.
 */
export async function readPublishedAnswers(
  db: ServerDb,
  tenantId: string,
): Promise<PublishedItems<AnswerContent>> {
  const answers = await readPublishedRecords<KnowledgeAnswer, AnswerContent>(
    db,
    tenantId,
    'knowledge_answer',
    groupStudioAnswers,
    (perLanguage) => ({ content: answersToContent(perLanguage), releaseNotes: '' }),
  );

  const [publications, texts] = await Promise.all([
    db.selectFrom('answer_publications').selectAll().where('tenant_id', '=', tenantId).execute(),
    db
      .selectFrom('answer_publication_texts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute(),
  ]);
  const textsOf = new Map<string, typeof texts>();
  for (const t of texts) {
    const key = `${t.answer_id}@${Number(t.version)}`;
    textsOf.set(key, [...(textsOf.get(key) ?? []), t]);
  }
  for (const p of publications) {
    const own = (textsOf.get(`${p.answer_id}@${Number(p.version)}`) ?? []).sort((a, b) =>
      a.language === b.language ? 0 : a.language === 'ja' ? -1 : 1,
    );
    const content: AnswerContent = {
      title: {},
      body: {},
      tags: {},
      audience: {
        languages: own.map((t) => t.language as Language),
        centers: parseList(p.centers),
      },
    };
    for (const t of own) {
      const lang = t.language as Language;
      content.title[lang] = t.title;
      content.body[lang] = t.body;
      content.tags[lang] = parseList(t.tags);
    }
    addPublication(answers, p.answer_id, p, content);
  }
  return answers;
}

/** What the duplicate-title lint compares an answer with: the latest of every other answer. */
export function publishedTitles(answers: PublishedItems<AnswerContent>): PublishedAnswerTitles[] {
  return latestOfEach(answers, (answerId, { audience, title }) => ({ answerId, audience, title }));
}

function describeIssue(issue: AnswerLintIssue): string {
  return `${issue.kind} (${issue.language})`;
}

/** How the approved-answer studio differs from the script studio's shared flow. */
export const answerAuthoring: AuthoringKind<AnswerContent, VersionInfo> = {
  noun: 'answer',
  drafts: { table: 'answer_drafts', idColumn: 'answer_id' },
  content: answerContent,
  readPublished: readPublishedAnswers,
  lint: (content, answerId, answers) =>
    lintAnswerContent(content, { answerId, published: publishedTitles(answers) }).map(
      describeIssue,
    ),
  writeVersion: writeAnswerVersion,
};

/** The answer's publication rows, and its records: one per language, minus dropped languages. */
async function writeAnswerVersion(p: Publication<AnswerContent>) {
  const { trx, id: answerId, version, content } = p;
  const tenantId = p.principal.tenantId;
  const records = contentToAnswers(answerId, content, { version, publishedAt: p.publishedAt });
  await trx
    .insertInto('answer_publications')
    .values({
      ...publicationColumns(p),
      answer_id: answerId,
      centers: JSON.stringify(content.audience.centers),
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
