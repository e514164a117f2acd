import { contentToVersions } from '../../../src/shared/guidance/script-content';
import { lintScriptContent, type ScriptLintIssue } from '../../../src/shared/guidance/script-lint';
import {
  publishRequest,
  publishResponse,
  rollbackRequest,
  saveDraftRequest,
  saveDraftResponse,
  studioScriptDetail,
  studioScriptList,
  studioScriptQuery,
  studioVersionDetail,
  studioVersionQuery,
  type PublishResponse,
  type ScriptContent,
} from '../../../src/shared/protocol/script-authoring';
import type { Principal } from '../auth/access-tokens';
import { applyChanges } from '../data/change-log';
import {
  publishedTriggers,
  readDrafts,
  readPublishedScripts,
  summarize,
} from '../data/script-studio';
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

/** Agents and supervisors read scripts; only these write them. */
const AUTHORS = STUDIO_AUTHORS;

export interface ScriptAuthoringDeps {
  store: ServerStore;
  notifier: ChangeNotifier;
}

function describeIssue(issue: ScriptLintIssue): string {
  const where = 'stepId' in issue && issue.stepId ? ` (${issue.stepId})` : '';
  return `${issue.kind}${where}`;
}

/**
 * The script studio's API: drafts, publish (after the same lint the studio runs), version
 * history and rollback. A publish writes one `script_version` record per language into the
 * tenant's change log and tells connected desktops, which pull it within seconds.
 */
export function scriptAuthoringRoutes({ store, notifier }: ScriptAuthoringDeps): RouteSpec[] {
  const { db } = store;

  async function publish(
    principal: Principal,
    scriptId: string,
    content: ScriptContent,
    releaseNotes: string,
    rollbackOf: number | null,
  ): Promise<PublishResponse> {
    const { tenantId } = principal;
    await checkAudienceCenters(db, tenantId, content.audience.centers);
    const scripts = await readPublishedScripts(db, tenantId);
    const issues = lintScriptContent(content, {
      scriptId,
      published: publishedTriggers(scripts),
    });
    if (issues.length > 0) {
      throw new HttpError(
        422,
        'lint_failed',
        `The script does not pass the lint: ${issues.slice(0, 10).map(describeIssue).join(', ')}`,
      );
    }
    const publishedBy = await authorName(db, principal);
    const publishedAt = new Date().toISOString();
    const result = await publishOnce('script', () =>
      db.transaction().execute(async (trx) => {
        // Read again inside the transaction: the version number is max + 1 of what is stored,
        // and the publications' primary key refuses a second publish of the same number.
        const mine = (await readPublishedScripts(trx, tenantId)).get(scriptId);
        const version = Math.max(0, ...(mine?.keys() ?? [])) + 1;
        await trx
          .insertInto('script_publications')
          .values({
            tenant_id: tenantId,
            script_id: scriptId,
            version,
            content: JSON.stringify(content),
            release_notes: releaseNotes,
            published_by: principal.userId,
            published_by_name: publishedBy,
            published_at: publishedAt,
            rollback_of: rollbackOf,
          })
          .execute();
        const records = contentToVersions(scriptId, content, {
          version,
          releaseNotes,
          publishedAt,
        }).map((data) => ({ type: 'script_version' as const, data }));
        const applied = await applyChanges(trx, tenantId, records, []);
        await trx
          .deleteFrom('script_drafts')
          .where('tenant_id', '=', tenantId)
          .where('script_id', '=', scriptId)
          .execute();
        return { version, lastSeq: applied.lastSeq };
      }),
    );
    if (result.lastSeq !== null) await notifier.publish(tenantId, result.lastSeq);
    return {
      scriptId,
      version: result.version,
      publishedAt,
      cursor: String(result.lastSeq ?? 0),
    };
  }

  return [
    defineRoute({
      method: 'GET',
      url: '/v1/studio/scripts',
      summary: 'List the scripts of the studio with their status, version and audience',
      roles: AUTHORS,
      response: studioScriptList,
      handler: async ({ principal }) => {
        const [scripts, drafts, centers] = await Promise.all([
          readPublishedScripts(db, principal.tenantId),
          readDrafts(db, principal.tenantId),
          readCenters(db, principal.tenantId),
        ]);
        const ids = [...new Set([...scripts.keys(), ...drafts.keys()])].sort();
        return {
          centers,
          scripts: ids.map((id) =>
            summarize(id, latestOf(scripts.get(id)), drafts.get(id) ?? null),
          ),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/studio/script',
      summary: 'A studio script: its draft, its latest published content and its versions',
      roles: AUTHORS,
      query: studioScriptQuery,
      response: studioScriptDetail,
      handler: async ({ principal, query }) => {
        const [scripts, drafts] = await Promise.all([
          readPublishedScripts(db, principal.tenantId),
          readDrafts(db, principal.tenantId),
        ]);
        const versions = scripts.get(query.scriptId);
        const draft = drafts.get(query.scriptId) ?? null;
        if (!versions && !draft) {
          throw new HttpError(404, 'not_found', `No script ${query.scriptId}.`);
        }
        const latest = latestOf(versions);
        return {
          scriptId: query.scriptId,
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
      url: '/v1/studio/script/version',
      summary: 'One published version of a studio script (for the history and its diff)',
      roles: AUTHORS,
      query: studioVersionQuery,
      response: studioVersionDetail,
      handler: async ({ principal, query }) => {
        const scripts = await readPublishedScripts(db, principal.tenantId);
        const found = scripts.get(query.scriptId)?.get(query.version);
        if (!found) {
          throw new HttpError(
            404,
            'not_found',
            `No version ${query.version} of ${query.scriptId}.`,
          );
        }
        return { scriptId: query.scriptId, info: found.info, content: found.content };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/studio/drafts',
      summary: 'Save the draft of a studio script (agents never see drafts)',
      roles: AUTHORS,
      body: saveDraftRequest,
      response: saveDraftResponse,
      handler: async ({ principal, body }) => {
        await checkAudienceCenters(db, principal.tenantId, body.content.audience.centers);
        const updatedAt = new Date().toISOString();
        const row = {
          tenant_id: principal.tenantId,
          script_id: body.scriptId,
          content: JSON.stringify(body.content),
          updated_by: principal.userId,
          updated_at: updatedAt,
        };
        await db
          .insertInto('script_drafts')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'script_id']).doUpdateSet({
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
      url: '/v1/studio/publish',
      summary:
        'Publish a studio script as its next immutable version (refused unless it lints clean)',
      roles: AUTHORS,
      body: publishRequest,
      response: publishResponse,
      rateLimitPerMinute: 60,
      handler: ({ principal, body }) =>
        publish(principal, body.scriptId, body.content, body.releaseNotes, null),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/studio/rollback',
      summary: "Publish an earlier version's content again, as a new version with release notes",
      roles: AUTHORS,
      body: rollbackRequest,
      response: publishResponse,
      rateLimitPerMinute: 60,
      handler: async ({ principal, body }) => {
        const scripts = await readPublishedScripts(db, principal.tenantId);
        const old = scripts.get(body.scriptId)?.get(body.version);
        if (!old) {
          throw new HttpError(404, 'not_found', `No version ${body.version} of ${body.scriptId}.`);
        }
        return publish(principal, body.scriptId, old.content, body.releaseNotes, body.version);
      },
    }),
  ];
}
