import { contextBridge, ipcRenderer } from 'electron';
import { createKoeApi } from '../shared/ipc';
import { createIpcTransport } from './koe-transport';

// Sandboxed preload (bundled; no Node): the page gets `window.koe`, generated from the contract
// in src/shared/ipc.ts, and nothing else of Electron.
contextBridge.exposeInMainWorld('koe', createKoeApi(createIpcTransport(ipcRenderer)));
