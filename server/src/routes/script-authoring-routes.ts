import { auditPublication } from '../data/access-audit';
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
  type ScriptContent,
} from '../../../src/shared/protocol/script-authoring';
import type { VersionInfo } from '../../../src/shared/protocol/authoring-wire';
import {
  publishedTriggers,
  readDrafts,
  readPublishedScripts,
  SCRIPT_DRAFTS,
  summarize,
} from '../data/script-studio';
import { STUDIO_AUTHORS, versionedAuthoring, type AuthoringKind } from '../data/studio-authoring';
import type { ServerStore } from '../db/connect';
import { defineRoute, type RouteSpec } from '../http/route';
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

/** How the script studio differs from the approved-answer studio's shared flow. */
function scriptKind(): AuthoringKind<ScriptContent, VersionInfo> {
  return {
    noun: 'script',
    drafts: SCRIPT_DRAFTS,
    readPublished: readPublishedScripts,
    readDrafts,
    lint: (content, scriptId, scripts) =>
      lintScriptContent(content, { scriptId, published: publishedTriggers(scripts) }).map(
        describeIssue,
      ),
    async writeVersion(p) {
      await p.trx
        .insertInto('script_publications')
        .values({
          tenant_id: p.principal.tenantId,
          script_id: p.id,
          version: p.version,
          content: JSON.stringify(p.content),
          release_notes: p.releaseNotes,
          published_by: p.principal.userId,
          published_by_name: p.publishedBy,
          published_at: p.publishedAt,
          rollback_of: p.rollbackOf,
        })
        .execute();
      const records = contentToVersions(p.id, p.content, {
        version: p.version,
        releaseNotes: p.releaseNotes,
        publishedAt: p.publishedAt,
      }).map((data) => ({ type: 'script_version' as const, data }));
      return { records, deletions: [] };
    },
  };
}

/**
 * The script studio's API: drafts, publish (after the same lint the studio runs), version
 * history and rollback. A publish writes one `script_version` record per language into the
 * tenant's change log and tells connected desktops, which pull it within seconds.
 */
export function scriptAuthoringRoutes({ store, notifier }: ScriptAuthoringDeps): RouteSpec[] {
  const scripts = versionedAuthoring(store.db, notifier, scriptKind());

  return [
    defineRoute({
      method: 'GET',
      url: '/v1/studio/scripts',
      summary: 'List the scripts of the studio with their status, version and audience',
      roles: AUTHORS,
      response: studioScriptList,
      handler: async ({ principal }) => {
        const { centers, items } = await scripts.list(principal.tenantId);
        return { centers, scripts: items.map((i) => summarize(i.id, i.latest, i.draft)) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/studio/script',
      summary: 'A studio script: its draft, its latest published content and its versions',
      roles: AUTHORS,
      query: studioScriptQuery,
      response: studioScriptDetail,
      handler: async ({ principal, query }) => ({
        scriptId: query.scriptId,
        ...(await scripts.detail(principal.tenantId, query.scriptId)),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/studio/script/version',
      summary: 'One published version of a studio script (for the history and its diff)',
      roles: AUTHORS,
      query: studioVersionQuery,
      response: studioVersionDetail,
      handler: async ({ principal, query }) => {
        const found = await scripts.version(principal.tenantId, query.scriptId, query.version);
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
      handler: ({ principal, body }) => scripts.saveDraft(principal, body.scriptId, body.content),
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
      handler: async ({ principal, body }) => {
        const published = await scripts.publish(
          principal,
          body.scriptId,
          body.content,
          body.releaseNotes,
        );
        await auditPublication(store.db, principal, {
          what: 'script',
          id: body.scriptId,
          version: published.version,
          action: 'publish',
        });
        return { scriptId: body.scriptId, ...published };
      },
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
        const published = await scripts.rollback(
          principal,
          body.scriptId,
          body.version,
          body.releaseNotes,
        );
        await auditPublication(store.db, principal, {
          what: 'script',
          id: body.scriptId,
          version: published.version,
          action: 'rollback',
        });
        return { scriptId: body.scriptId, ...published };
      },
    }),
  ];
}
