import type { RunControlView } from '../common/contract.js';

/**
 * How Pause can hold a bot on this platform. A bot that calls the SDK's `checkpoint()` is paused
 * there, at a safe point, everywhere. Any other bot is paused by SIGSTOP to its process group on
 * Linux and macOS (SIGCONT resumes it); Windows has no way to pause another program's process
 * tree safely, so there Pause is offered only to bots with checkpoints, and the UI says why.
 */
export function pauseSupport(platform: NodeJS.Platform, checkpoints: boolean): RunControlView['pause'] {
  if (checkpoints) return 'checkpoint';
  return platform === 'win32' ? 'unavailable' : 'signal';
}

/** "Stop at next safe point" needs safe points: the bot must call `checkpoint()`. */
export function safeStopSupport(checkpoints: boolean): boolean {
  return checkpoints;
}
