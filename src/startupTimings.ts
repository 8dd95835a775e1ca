// When the extension's own code ran during startup, on the host's `performance.now()` clock. extension.ts imports
// this module first, so `moduleStart` is taken before any other module of the bundle is evaluated. Read through
// the API (`getStartupTimings`) by `npm run bench`; costs two clock reads.
export interface StartupTimings {
  /** The bundle started evaluating (after the host read and compiled it). */
  readonly moduleStart: number;
  /** The bundle finished evaluating (the last top-level statement of extension.ts). */
  moduleEnd?: number;
  /** `activate()` was entered / returned. Between moduleEnd and activateStart, VS Code prepares the context. */
  activateStart?: number;
  activateEnd?: number;
  /** The first catalog load finished (off the activation path). */
  catalogReady?: number;
}

export const startupTimings: StartupTimings = { moduleStart: performance.now() };
