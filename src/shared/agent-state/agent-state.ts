import { z } from 'zod';
import type { CallState } from '../calls/call-session';

/**
 * The agent's availability, as the desk, the retailer (the supervisors' floor) and the
 * softphone see it. Pure: no clock, no I/O; the core feeds it call changes and the agent's
 * choices, with the time they happened.
 *
 *   ready            受付可   the agent takes calls
 *   ringing          着信中   a call rings and is not answered yet
 *   on_call          通話中   a call is on the line
 *   after_call_work  後処理   a call ended and its wrap-up is not saved yet
 *   not_ready        受付停止 the agent chose not to take calls (with a reason)
 */
export const agentStatus = z.enum(['ready', 'ringing', 'on_call', 'after_call_work', 'not_ready']);
export type AgentStatus = z.infer<typeof agentStatus>;

export const notReadyReason = z.enum([
  'break',
  'lunch',
  'training',
  'meeting',
  'coaching',
  'other',
]);
export type NotReadyReason = z.infer<typeof notReadyReason>;

/** What the agent chose: applied at once when idle, and after the call's wrap-up otherwise. */
export const agentChoice = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ready') }).strict(),
  z.object({ status: z.literal('not_ready'), reason: notReadyReason }).strict(),
]);
export type AgentChoice = z.infer<typeof agentChoice>;

/** Where the desk's line is: nothing, a call ringing, on it, or a wrap-up pending. */
export type DeskLine = 'idle' | 'ringing' | 'on_call' | 'after_call_work';

export interface AgentState {
  status: AgentStatus;
  /** Set when `status` is `not_ready` because the agent chose it; null otherwise. */
  reason: NotReadyReason | null;
  /** What the desk returns to once the line is idle. */
  choice: AgentChoice | null;
  line: DeskLine;
  /** When `status` (or its reason) last changed. */
  since: string;
}

export type AgentStateEvent =
  { type: 'chose'; choice: AgentChoice; at: string } | { type: 'line'; line: DeskLine; at: string };

/**
 * A desk starts not ready: a softphone routes no call to an agent who has not said they are
 * there. `choice` stays null until the agent picks one.
 */
export function initialAgentState(at: string): AgentState {
  return { status: 'not_ready', reason: null, choice: null, line: 'idle', since: at };
}

/** The desk's line for the newest active call (null when none is ringing, on or in wrap-up). */
export function lineFor(callState: CallState | null): DeskLine {
  // Ringing is its own state: a call's duration on the floor starts when it is answered.
  if (callState === 'ringing') return 'ringing';
  if (callState === 'in_call') return 'on_call';
  if (callState === 'wrap_up') return 'after_call_work';
  return 'idle';
}

/**
 * The next state. Returns the same object when nothing an observer sees changed, so the
 * caller reports (to the UI, the retailer, the softphone) only real transitions.
 */
export function nextAgentState(state: AgentState, event: AgentStateEvent): AgentState {
  const choice = event.type === 'chose' ? event.choice : state.choice;
  const line = event.type === 'line' ? event.line : state.line;
  // The line wins: a call on it or its wrap-up is what the agent is doing, whatever they chose.
  const status: AgentStatus = line === 'idle' ? (choice?.status ?? 'not_ready') : line;
  const reason = status === 'not_ready' && choice?.status === 'not_ready' ? choice.reason : null;
  if (
    status === state.status &&
    reason === state.reason &&
    line === state.line &&
    sameChoice(choice, state.choice)
  ) {
    return state;
  }
  const moved = status !== state.status || reason !== state.reason;
  return { status, reason, choice, line, since: moved ? event.at : state.since };
}

/** True when the observable status or reason differs (what is reported beyond the desk). */
export function statusChanged(before: AgentState, after: AgentState): boolean {
  return before.status !== after.status || before.reason !== after.reason;
}

function sameChoice(a: AgentChoice | null, b: AgentChoice | null): boolean {
  if (a === null || b === null) return a === b;
  return a.status === b.status && (a.status === 'ready' || a.reason === (b as typeof a).reason);
}
