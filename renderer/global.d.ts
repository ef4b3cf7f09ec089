import type { SupervisorApi } from '../app/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host, which uses a WebSocket. */
    supervisor?: SupervisorApi;
  }
}

export {};
