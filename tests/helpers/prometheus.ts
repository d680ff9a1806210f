/**
 * Reads a /metrics page with Prometheus's own parser (the official Python client's, Debian's
 * python3-prometheus-client, installed by .ci/run): what a scrape would accept, not a regex's view.
 */
import { spawnSync } from 'node:child_process';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface Family {
  name: string;
  type: string;
  samples: Sample[];
}

const READER = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    out.append({"name": f.name, "type": f.type, "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]})
print(json.dumps(out))
`;

export function parseMetrics(text: string): Family[] {
  const run = spawnSync('/usr/bin/python3', ['-c', READER], { input: text, encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(
      `Prometheus's parser refused the page or is missing (install Debian's python3-prometheus-client): ${run.error?.message ?? run.stderr}`,
    );
  }
  return JSON.parse(run.stdout);
}

/** One family's samples named `sample` (a counter's `_total`, a histogram's `_count`, …) whose labels include `labels`. */
export function samples(families: Family[], sample: string, labels: Record<string, string> = {}): Sample[] {
  return families.flatMap((f) => f.samples).filter((s) => s.name === sample && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}
