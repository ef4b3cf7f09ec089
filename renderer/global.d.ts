import type { SupervisorApi } from '../app/common/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host, which uses a WebSocket. */
    supervisor?: SupervisorApi;
  }
}

export {};
