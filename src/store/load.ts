/**
 * Loads the dataset into a store, all or nothing: the schema first (idempotent), then one write
 * transaction that clears the graph and MERGEs every node and relationship in batches. A failure
 * anywhere rolls the whole load back, so the store is exactly as it was.
 *
 * An empty store whose engine has a bulk API (the embedded one) is filled through it instead:
 * there is nothing to merge with or to keep, and a failure clears the store back to empty.
 */
import type { Dataset } from '../dataset/schema.js';
import { statement, statementsIn } from './cypher-files.js';
import type { CypherSession } from './session.js';
import { NODE_LABELS, REL_TYPES, toGraphRows, type EdgeRow, type NodeRow } from './graph-rows.js';

export const BATCH_SIZE = 5000;

export interface LoadSummary {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  ms: number;
}

export interface LoadOptions {
  onProgress?: (done: number, total: number, step: string) => void;
  batchSize?: number;
  /** Checksum of the seed files, kept in the store so a server can tell a stale store (see datasetChecksum). */
  checksum?: string;
  /** Use the engine's bulk API when the store is empty (default true); false always runs the load files. */
  bulk?: boolean;
}

export class LoadError extends Error {}

function fileNameOf(kind: 'nodes' | 'edges', name: string): string {
  return `load/${kind}-${name.toLowerCase().replace(/_/g, '-')}`;
}

/** Constraints and indexes for this engine; safe to run on every start. */
export async function applySchema(session: CypherSession): Promise<void> {
  for (const s of statementsIn('schema')) if (s.engines.includes(session.engine)) await session.run(s.text);
}

export async function loadDataset(session: CypherSession, dataset: Dataset, options: LoadOptions = {}): Promise<LoadSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const graph = toGraphRows(dataset);
  const steps: Array<{ name: string; statement: string; rows: Array<NodeRow | EdgeRow> }> = [
    ...NODE_LABELS.map((l) => ({ name: l, statement: fileNameOf('nodes', l), rows: graph.nodes[l] as Array<NodeRow | EdgeRow> })),
    ...REL_TYPES.map((t) => ({ name: t, statement: fileNameOf('edges', t), rows: graph.edges[t] as Array<NodeRow | EdgeRow> })),
  ];
  const total = steps.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  const summary = (): LoadSummary => ({
    nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, graph.nodes[l].length])),
    relationships: Object.fromEntries(REL_TYPES.map((t) => [t, graph.edges[t].length])),
    ms: Date.now() - started,
  });
  const datasetInfo = { checksum: options.checksum ?? 'unknown' };

  if (session.bulkCreate && options.bulk !== false && (await session.run(statement('load/any-entity').text)).length === 0) {
    try {
      await session.bulkCreate(graph, (rows, step) => options.onProgress?.((done += rows), total, step));
      // Indexes built once over the loaded graph cost less than kept up row by row.
      await applySchema(session);
      await session.run(statement('load/dataset-info').text, datasetInfo);
    } catch (e) {
      await session.writeTransaction((tx) => tx.run(statement('load/clear').text));
      throw e;
    }
    return summary();
  }

  await applySchema(session);
  options.onProgress?.(0, total, 'clear');
  await session.writeTransaction(async (tx) => {
    await tx.run(statement('load/clear').text);
    for (const step of steps) {
      const text = statement(step.statement).text;
      for (let i = 0; i < step.rows.length; i += batchSize) {
        const batch = step.rows.slice(i, i + batchSize);
        const [result] = await tx.run(text, { rows: batch });
        const written = Number(result?.written ?? 0);
        if (written !== batch.length) {
          throw new LoadError(
            `${step.name}: wrote ${written} of ${batch.length} rows in batch ${i / batchSize + 1} (a relationship names a node that does not exist)`,
          );
        }
        done += batch.length;
        options.onProgress?.(done, total, step.name);
      }
    }
    await tx.run(statement('load/dataset-info').text, datasetInfo);
  });
  return summary();
}
