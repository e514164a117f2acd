import type { Kysely } from 'kysely';
import type { SignedInAgent } from '../../../shared/ipc';
import type { Database } from '../platform/database';
import type { IpcServices } from '../platform/router';
import {
  readActivePolicies,
  readLatestScripts,
  readTaxonomy,
  searchKnowledge,
} from './guidance.repository';

/** What the wrap-up form and the scripts are read against: taxonomy, scripts, policies. */
export async function readGuidanceReference(db: Kysely<Database>) {
  return {
    taxonomy: await readTaxonomy(db),
    scripts: await readLatestScripts(db),
    policies: await readActivePolicies(db),
  };
}

/** The guidance:reference and knowledge:search channels. */
export function createGuidanceServices(deps: {
  db: Kysely<Database>;
  agent: () => SignedInAgent | null;
}): Pick<IpcServices, 'guidance:reference' | 'knowledge:search'> {
  const { db, agent } = deps;
  return {
    'guidance:reference': () => readGuidanceReference(db),
    // An agent sees the answers published to every center or to its own.
    'knowledge:search': ({ query, language, limit }) =>
      searchKnowledge(db, query, language, limit, agent()?.centerId ?? null),
  };
}
