/**
 * Bulk creation into an empty embedded store through Grafeo's batch API, which skips Cypher
 * planning and MERGE lookups: about seven times faster than the UNWIND … MERGE files for a
 * million nodes. Each batch is its own Grafeo transaction, so the loader only takes this path
 * for an empty store and clears it again if anything fails (see load.ts).
 */
import grafeo from '@grafeo-db/js';
import { NODE_LABELS, REL_TYPES, type GraphRows } from './graph-rows.js';
import { LoadError } from './load.js';

type GrafeoDB = InstanceType<typeof grafeo.GrafeoDB>;

/** Rows per batch call: large enough to amortise the call, small enough to pipeline. */
const BATCH = 25_000;
/** Batches in flight: the JS → Rust conversion of one overlaps the storage of the previous. */
const IN_FLIGHT = 3;

/**
 * Runs the calls with at most IN_FLIGHT pending, reporting each finished one. On a failure it
 * still waits for the calls in flight, so that whoever cleans up does not race them.
 */
async function pipelined<T>(calls: Array<() => Promise<T>>, onDone: (i: number, result: T) => void): Promise<void> {
  const pending = new Set<Promise<void>>();
  try {
    for (let i = 0; i < calls.length; i++) {
      const p: Promise<void> = calls[i]().then((r) => {
        pending.delete(p);
        onDone(i, r);
      });
      pending.add(p);
      if (pending.size >= IN_FLIGHT) await Promise.race(pending);
    }
    await Promise.all(pending);
  } catch (e) {
    await Promise.allSettled(pending);
    throw e;
  }
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

export async function bulkCreate(db: GrafeoDB, graph: GraphRows, onProgress?: (rows: number, step: string) => void): Promise<void> {
  // One pipeline over every batch, so it does not drain at each label or type.
  const internal = new Map<string, number>();
  const nodeBatches = NODE_LABELS.flatMap((label) => chunks(graph.nodes[label]).map((rows) => ({ label, rows })));
  await pipelined(
    nodeBatches.map(
      ({ label, rows }) =>
        () =>
          db.batchCreateNodesWithProps(
            ['Entity', label],
            rows.map((r) => r.props),
          ),
    ),
    (i, ids) => {
      const { label, rows } = nodeBatches[i];
      rows.forEach((r, j) => internal.set(r.id, ids[j]));
      onProgress?.(rows.length, label);
    },
  );
  const edgeBatches = REL_TYPES.flatMap((type) => chunks(graph.edges[type]).map((rows) => ({ type, rows })));
  await pipelined(
    edgeBatches.map(
      ({ type, rows }) =>
        () =>
          db.batchCreateEdges(
            rows.map((e) => {
              const src = internal.get(e.fromId);
              const dst = internal.get(e.toId);
              if (src === undefined || dst === undefined) {
                throw new LoadError(
                  `${type} relationship ${e.fromId} → ${e.toId} names ${src === undefined ? e.fromId : e.toId}, which does not exist`,
                );
              }
              return Object.keys(e.props).length ? { src, dst, type, properties: e.props } : { src, dst, type };
            }),
          ),
    ),
    (i) => onProgress?.(edgeBatches[i].rows.length, edgeBatches[i].type),
  );
}
