/**
 * Sandboxed preload: exposes the fixed `window.supervisor` bridge and nothing else. Built as
 * CommonJS (out/preload/preload.cjs) because a sandboxed preload cannot load an ES module, and
 * kept free of npm packages because a sandboxed preload cannot require them either.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createSupervisorBridge } from './preload-bridge.js';

const bridge = createSupervisorBridge(ipcRenderer);

contextBridge.exposeInMainWorld('supervisor', {
  invoke: bridge.invoke,
  on: bridge.on,
});
