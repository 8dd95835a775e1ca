// Long work on the extension host's single thread, cut into slices so that no task holds it for long: between
// slices the event loop runs timers, I/O and the UI's messages (a macrotask, not a microtask: a chain of resolved
// promises never lets them in). Used by catalog loading (a pause between files) and by the search index (stepped
// builders, `function*` that `yield` wherever a pause is allowed). Pure TypeScript: `setTimeout` exists in Node and
// in the browser's web worker alike.

export const DEFAULT_SLICE_MS = 15;

export class TimeSlices {
  private sliceStart = Date.now();
  /** The longest single piece of work recorded with `measure` (ms): what the bench reports as the longest hold. */
  longestMs = 0;

  constructor(readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** Resolves at once while the current slice has time left; otherwise after the event loop has had a turn. */
  async pause(): Promise<void> {
    if (Date.now() - this.sliceStart < this.sliceMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.sliceStart = Date.now();
  }

  /** Runs one indivisible piece of work (a step, a file's check), recording how long it held the thread. */
  measure<T>(work: () => T): T {
    const start = Date.now();
    try {
      return work();
    } finally {
      this.longestMs = Math.max(this.longestMs, Date.now() - start);
    }
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
  const own = typeof slices === 'number' ? new TimeSlices(slices) : slices;
  for (;;) {
    const next = own.measure(() => steps.next());
    if (next.done) return next.value;
    await own.pause();
  }
}
