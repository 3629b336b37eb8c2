import type { DeskBridge } from '../shared/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent under the headless host (HTTP is used instead). */
    desk?: DeskBridge;
  }
}

export {};
