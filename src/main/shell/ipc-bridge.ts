import type { IpcMain, WebContents } from 'electron';
import { ipcChannels } from '../../shared/ipc';
import type { KoeCore } from '../core/koe-core';
import { KOE_EVENT_CHANNEL } from '../../shared/ipc';
import { createEventRelay } from './event-relay';
import { gateIpcCall } from './ipc-gate';

/** The parts of Electron used here, passed in so the bridge is tested with fakes under Node. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type WebContentsLike = Pick<WebContents, 'send' | 'isDestroyed' | 'on' | 'off'>;

/**
 * Connects the window to the core: one ipcMain.handle per contract channel (and no other),
 * each gated by the sender's frame and delegated to the core's router, which validates the
 * input; and core events pushed to the window on the single 'koe:event' channel.
 * Returns a function that removes it all.
 */
export function connectIpc(
  core: Pick<KoeCore, 'router' | 'events'>,
  webContents: WebContentsLike,
  rendererUrl: string,
  ipcMain: IpcMainLike,
): () => void {
  for (const channel of ipcChannels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const decision = gateIpcCall(channel, event.senderFrame?.url, rendererUrl);
      if (decision.kind === 'refuse') return decision.result;
      return core.router.handle(decision.channel, input);
    });
  }

  const relay = createEventRelay((message) => {
    if (!webContents.isDestroyed()) webContents.send(KOE_EVENT_CHANNEL, message);
  });
  const onLoaded = () => relay.setReady(true);
  const onLoading = () => relay.setReady(false);
  webContents.on('did-finish-load', onLoaded);
  webContents.on('did-start-loading', onLoading);
  const unsubscribe = core.events.subscribe((event, payload) => relay.deliver(event, payload));

  return () => {
    unsubscribe();
    for (const channel of ipcChannels) ipcMain.removeHandler(channel);
    if (!webContents.isDestroyed()) {
      webContents.off('did-finish-load', onLoaded);
      webContents.off('did-start-loading', onLoading);
    }
  };
}
