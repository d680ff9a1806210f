/**
 * Validate-then-load, shared by the load command and the server's start-up: a dataset with any
 * problem is refused before the store is touched.
 */
import { validateDataset } from '../dataset/validate.js';
import { formatProblem } from '../dataset/check.js';
import { loadDataset, type LoadOptions, type LoadSummary } from './load.js';
import type { CypherSession } from './session.js';
import { datasetChecksum } from '../dataset/checksum.js';

export class InvalidDatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the dataset has ${problems.length} problem(s); the store was not changed:\n${problems.slice(0, 50).join('\n')}${problems.length > 50 ? `\n… ${problems.length - 50} more` : ''}`,
    );
  }
}

export async function validateAndLoad(session: CypherSession, dataDir?: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const report = validateDataset(dataDir);
  if (report.problems.length) throw new InvalidDatasetError(report.problems.map(formatProblem));
  return loadDataset(session, report.dataset, { checksum: datasetChecksum(dataDir), ...options });
}
