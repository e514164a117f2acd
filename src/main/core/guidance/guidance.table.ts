import type { Selectable } from 'kysely';

export interface ReasonTable {
  code: string;
  parent_code: string | null;
  label_ja: string;
  label_en: string;
  avoidable_default: number;
  sort_order: number;
  active: number;
}
export type ReasonRow = Selectable<ReasonTable>;

export interface ScriptVersionTable {
  script_id: string;
  version: number;
  language: string;
  title: string;
  /** JSON of ScriptVersion['triggers']. */
  triggers: string;
  /** JSON of ScriptVersion['steps']. */
  steps: string;
  release_notes: string;
  published_at: string;
}
export type ScriptVersionRow = Selectable<ScriptVersionTable>;

export interface KnowledgeAnswerTable {
  id: string;
  version: number;
  language: string;
  title: string;
  body: string;
  tags: string;
  published_at: string;
  /** JSON array of the centers it is published to; null: every center (migration 0008). */
  centers: string | null;
}
export type KnowledgeAnswerRow = Selectable<KnowledgeAnswerTable>;

export interface PolicyTable {
  id: string;
  kind: string;
  label_ja: string;
  label_en: string;
  params: string;
  active: number;
  updated_at: string;
}
export type PolicyRow = Selectable<PolicyTable>;
