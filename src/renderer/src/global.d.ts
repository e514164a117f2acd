import type { KoeApi } from '../../shared/ipc';

declare global {
  interface Window {
    /**
     * The only way the renderer reaches the core: the preload's contextBridge in the app, the
     * HTTP bridge in the browser harness. Both are built from ipc.ts with createKoeApi.
     */
    readonly koe: KoeApi;
  }
}

export {};
