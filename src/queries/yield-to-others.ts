/**
 * Lets other requests be answered in the middle of long work on the serving thread: the promise
 * settles after the I/O and timers already waiting have run (setImmediate), not before them as a
 * resolved promise would.
 */
export const yieldToOthers = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
