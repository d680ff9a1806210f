/**
 * The CPU-heavy steps of a request, run on the worker pool's threads (work-pool.ts) so that the
 * serving thread keeps answering: subgraph layout and measures, export files, and donation totals
 * over many rows (whose columns are in shared memory). Pure functions of their input.
 */
import { layoutGraph, type LayoutInput, type LayoutResult } from './graph-analysis.js';
import { exportGraph, type ExportableGraph, type ExportFormat } from './export-formats.js';
import { runTotals, type NumberedTotal, type TotalsTask } from './donation-query.js';

export type WorkTask =
  | { task: 'layout'; input: LayoutInput }
  | { task: 'export'; graph: ExportableGraph; format: ExportFormat }
  | ({ task: 'totals' } & TotalsTask);

export function runTask(t: WorkTask): LayoutResult | string | NumberedTotal[] {
  switch (t.task) {
    case 'layout':
      return layoutGraph(t.input);
    case 'export':
      return exportGraph(t.graph, t.format);
    case 'totals':
      return runTotals(t);
  }
}
