import type { Generated } from 'kysely';

export interface VocRecordTable {
  id: string;
  call_id: string | null;
  customer_id: string | null;
  order_id: string | null;
  agent_id: string;
  reason_codes: string;
  predicted_reason: string | null;
  sentiment: string | null;
  resolution: string;
  avoidable: number;
  customer_words: string;
  script_id: string | null;
  script_version: number | null;
  details: string;
  started_at: string;
  ended_at: string | null;
  saved_at: string;
}

export interface OutboxTable {
  seq: Generated<number>;
  kind: string;
  entity_id: string;
  payload: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  state: Generated<string>;
}
