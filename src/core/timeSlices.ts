// Long work on the extension host's single thread, cut into slices so that no task holds it for long: between
// slices the event loop runs timers, I/O and the UI's messages (a macrotask, not a microtask: a chain of resolved
// promises never lets them in). Used by catalog loading (a pause between files) and by the search index (stepped
// builders, `function*` that `yield` wherever a pause is allowed). Pure TypeScript: `setTimeout` exists in Node and
// in the browser's web worker alike.

export const DEFAULT_SLICE_MS = 15;

export class TimeSlices {
  private sliceStart = Date.now();

  constructor(readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** Resolves at once while the current slice has time left; otherwise after the event loop has had a turn. */
  async pause(): Promise<void> {
    if (Date.now() - this.sliceStart < this.sliceMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.sliceStart = Date.now();
  }
}

/** Runs a stepped computation to its end at once. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs a stepped computation in slices (of about `slices` ms, or those given), letting the event loop run between them. */
export async function runInSlices<T>(steps: Generator<void, T>, slices: TimeSlices | number = DEFAULT_SLICE_MS): Promise<T> {
  if (typeof slices === 'number') slices = new TimeSlices(slices);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await slices.pause();
  }
}
