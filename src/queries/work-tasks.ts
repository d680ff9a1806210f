/**
 * The CPU-heavy steps of a request, run on the worker pool's threads (work-pool.ts) so that the
 * serving thread keeps answering: subgraph layout and measures, export files, and the search for
 * a shortest path in a neighbourhood already read from the store. Pure functions of their input.
 */
import { MultiUndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import { layoutGraph, type AnalysedGraph, type LayoutInput, type LayoutResult } from './graph-analysis.js';
import { exportGraph, type ExportFormat } from './export-formats.js';

/** Ends of the relationships read, as positions in `ids`, and the two ends sought. */
export interface PathInput {
  ids: string[];
  sources: Int32Array;
  targets: Int32Array;
  from: number;
  to: number;
}

export type WorkTask =
  | { task: 'layout'; input: LayoutInput }
  | { task: 'export'; graph: AnalysedGraph; format: ExportFormat }
  | { task: 'path'; input: PathInput };

/** The node positions of a shortest path, or null. */
function shortestPath({ ids, sources, targets, from, to }: PathInput): number[] | null {
  const g = new MultiUndirectedGraph();
  for (let i = 0; i < ids.length; i++) g.addNode(i);
  for (let i = 0; i < sources.length; i++) g.addEdge(sources[i], targets[i]);
  const path = bidirectional(g, String(from), String(to));
  return path ? path.map(Number) : null;
}

export function runTask(t: WorkTask): LayoutResult | string | number[] | null {
  switch (t.task) {
    case 'layout':
      return layoutGraph(t.input);
    case 'export':
      return exportGraph(t.graph, t.format);
    case 'path':
      return shortestPath(t.input);
  }
}
