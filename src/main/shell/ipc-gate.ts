import { isIpcChannel, type IpcChannel, type IpcResult } from '../../shared/ipc';
import { isAllowedNavigation } from './security';

/**
 * Decides what happens to one IPC call before it reaches the core: routed to the core's router
 * (which then validates the input), or refused. Only the app's own renderer may call; a frame
 * that navigated elsewhere, a destroyed frame (no URL) or a name outside the contract is refused.
 */
export type IpcGateDecision =
  { kind: 'route'; channel: IpcChannel } | { kind: 'refuse'; result: IpcResult<never> };

export function gateIpcCall(
  channel: unknown,
  senderUrl: string | null | undefined,
  rendererUrl: string,
): IpcGateDecision {
  if (!isIpcChannel(channel)) {
    return refuse(`There is no channel named ${JSON.stringify(String(channel))}.`);
  }
  if (typeof senderUrl !== 'string' || !isAllowedNavigation(senderUrl, { rendererUrl })) {
    // Same answer as an unknown channel: a foreign page learns nothing about the contract.
    return refuse(`There is no channel named ${JSON.stringify(channel)}.`);
  }
  return { kind: 'route', channel };
}

function refuse(message: string): IpcGateDecision {
  return { kind: 'refuse', result: { ok: false, error: { code: 'unknown_channel', message } } };
}
