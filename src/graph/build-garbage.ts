/**
 * An index is built from rows read from the store: hundreds of megabytes at national scale, all
 * garbage once the index holds its columns, and by then in the old generation. Under steady
 * traffic V8 sees no reason for a full collection, so the dead pages stay, and every young
 * collection walks them: 3–4 ms per pause at a million nodes instead of under one. A full
 * collection right after the build gives them back. It needs `--expose-gc`, which `npm start`,
 * the image and the benchmark servers pass; without it nothing happens.
 */
export function collectBuildGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
