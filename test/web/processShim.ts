// What the npm `assert` polyfill (and its `util`) read from Node's `process`, for the web test bundle only: esbuild
// injects it as a module-scoped `process`, so the worker's global scope stays as the extension sees it (no `process`).
export const process = {
  env: {} as Record<string, string | undefined>,
  stderr: undefined,
  noDeprecation: true,
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => void Promise.resolve().then(() => callback(...args)),
};
