import type { ScriptVersion } from '../../../src/shared/domain/guidance';
import {
  contentToVersions,
  groupStudioVersions,
  versionsToContent,
} from '../../../src/shared/guidance/script-content';
import {
  lintScriptContent,
  type PublishedScriptTriggers,
  type ScriptLintIssue,
} from '../../../src/shared/guidance/script-lint';
import { scriptContent, type ScriptContent } from '../../../src/shared/protocol/script-authoring';
import type { VersionInfo } from '../../../src/shared/protocol/authoring-wire';
import type { ServerDb } from '../db/schema';
import {
  addPublication,
  latestOfEach,
  publicationColumns,
  readPublishedRecords,
  type AuthoringKind,
  type PublishedItems,
} from './studio-authoring';

/**
 * The studio's view of a tenant's scripts. The change log's `script_version` records are what
 * agents have, whoever published them (the studio, or a retailer's own system through
 * `/v1/data/batch`); the studio's publication rows add the authored content, who published
 * and rollbacks. Scripts are few (tens, with their versions), so they are read whole.
 */
export async function readPublishedScripts(
  db: ServerDb,
  tenantId: string,
): Promise<PublishedItems<ScriptContent>> {
  const scripts = await readPublishedRecords<ScriptVersion, ScriptContent>(
    db,
    tenantId,
    'script_version',
    groupStudioVersions,
    (perLanguage) => ({
      content: versionsToContent(perLanguage),
      releaseNotes: perLanguage[0]!.releaseNotes,
    }),
  );
  const publications = await db
    .selectFrom('script_publications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .execute();
  for (const p of publications) {
    addPublication(scripts, p.script_id, p, scriptContent.parse(JSON.parse(p.content)));
  }
  return scripts;
}

/** What the overlap lint compares a script with: the latest version of every other script. */
export function publishedTriggers(
  scripts: PublishedItems<ScriptContent>,
): PublishedScriptTriggers[] {
  return latestOfEach(scripts, (scriptId, { audience, triggers }) => ({
    scriptId,
    audience,
    triggers,
  }));
}

function describeIssue(issue: ScriptLintIssue): string {
  const where = 'stepId' in issue && issue.stepId ? ` (${issue.stepId})` : '';
  return `${issue.kind}${where}`;
}

/** How the script studio differs from the approved-answer studio's shared flow. */
export const scriptAuthoring: AuthoringKind<ScriptContent, VersionInfo> = {
  noun: 'script',
  drafts: { table: 'script_drafts', idColumn: 'script_id' },
  content: scriptContent,
  readPublished: readPublishedScripts,
  lint: (content, scriptId, scripts) =>
    lintScriptContent(content, { scriptId, published: publishedTriggers(scripts) }).map(
      describeIssue,
    ),
  async writeVersion(p) {
    await p.trx
      .insertInto('script_publications')
      .values({ ...publicationColumns(p), script_id: p.id, content: JSON.stringify(p.content) })
      .execute();
    const records = contentToVersions(p.id, p.content, {
      version: p.version,
      releaseNotes: p.releaseNotes,
      publishedAt: p.publishedAt,
    }).map((data) => ({ type: 'script_version' as const, data }));
    return { records, deletions: [] };
  },
};
