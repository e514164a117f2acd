/** What the agent is told about an update before Koe restarts for it. */
export type UpdateNotice =
  /** Downloaded; installs when the agent quits Koe (never during a call). */
  | { kind: 'ready'; version: string; restart: 'at-quit' }
  /** Required by the retailer; Koe restarts when this call and its wrap-up are done. */
  | { kind: 'ready'; version: string; restart: 'after-call' }
  /** Required by the retailer and the desk is idle: Koe restarts now. */
  | { kind: 'restarting'; version: string };
