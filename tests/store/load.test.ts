/** Loads are idempotent and all-or-nothing: a failure leaves the store exactly as it was. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRawDataset, toDataset, DATA_DIR } from '../../src/dataset/read.js';
import { loadDataset, LoadError } from '../../src/store/load.js';
import { validateAndLoad, InvalidDatasetError } from '../../src/store/prepare.js';
import { CypherGraphStore } from '../../src/store/graph-store.js';
import type { CypherSession } from '../../src/store/session.js';
import { STORE_KINDS, storeChecksum } from '../helpers/stores.js';

const dataset = toDataset(readRawDataset().records);

/** A copy of the dataset with one line of one file replaced. */
function brokenCopy(file: string, edit: (record: Record<string, any>) => Record<string, any> | string, line = 3): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-broken-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  const edited = edit(JSON.parse(lines[line - 1]));
  lines[line - 1] = typeof edited === 'string' ? edited : JSON.stringify(edited);
  writeFileSync(join(dir, file), lines.join('\n'));
  return dir;
}

describe.each(STORE_KINDS)('loading into $name', (kind) => {
  let session: CypherSession;
  let loaded: string;

  beforeAll(async () => {
    session = kind.open();
    await loadDataset(session, dataset);
    loaded = await storeChecksum(session);
  });
  afterAll(async () => session?.close());

  it('is idempotent: loading the same dataset again changes nothing', async () => {
    const summary = await loadDataset(session, dataset);
    expect(summary.nodes.Place).toBe(dataset.place.length);
    expect(await storeChecksum(session)).toBe(loaded);
  });

  it.each([
    ['bad JSON', 'donations.jsonl', () => '{"id": "donation:x", ', '(line)', /bad JSON/],
    [
      'a missing id',
      'donations.jsonl',
      (r: any) => {
        delete r.id;
        return r;
      },
      'id',
      /Required|expected string/i,
    ],
    [
      'a dangling reference',
      'donations.jsonl',
      (r: any) => ({ ...r, donorIds: ['org:no-such-body'] }),
      'donorIds.0',
      /org:no-such-body does not exist/,
    ],
    [
      'a quote not at its offsets',
      'visits.jsonl',
      (r: any) => ({ ...r, source: { ...r.source, start: r.source.start + 1, end: r.source.end + 1 } }),
      'source.quote',
      /quote is at/,
    ],
    [
      'a negative amount',
      'donations.jsonl',
      (r: any) => ({ ...r, amount: { yuan: -5, text: r.amount?.text ?? '5 yuan' } }),
      'amount.yuan',
      /too small|>=0|non-?negative/i,
    ],
  ])('refuses a dataset with %s, naming file, line and field, and leaves the store as it was', async (_what, file, edit, field, reason) => {
    const dir = brokenCopy(file, edit as never, 3);
    const error = await validateAndLoad(session, dir).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidDatasetError);
    const line = (error as InvalidDatasetError).problems.find((p) => p.startsWith(`${dir.split('/').pop()}/${file}:3 ${field}:`));
    expect(line, (error as Error).message).toBeDefined();
    expect(line).toMatch(reason);
    expect(await storeChecksum(session)).toBe(loaded);
  });

  it('lets concurrent readers see the old graph or the new one during a reload, never a mix', async () => {
    const store = new CypherGraphStore(session);
    // Half the statistics, keeping those a commitment points at.
    const outcomes = new Set(dataset.commitment.flatMap((c) => c.realisedIds ?? []));
    const half = Math.floor(dataset.statistic.length / 2);
    const smaller = { ...dataset, statistic: dataset.statistic.filter((s, i) => i < half || outcomes.has(s.id)) };
    const total = (c: { nodes: Record<string, number> }) => Object.values(c.nodes).reduce((a, b) => a + b, 0);
    const before = await store.counts();
    const seen: Array<{ nodes: Record<string, number> }> = [];
    let done = false;
    const reading = (async () => {
      while (!done) {
        seen.push(await store.counts());
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await loadDataset(session, smaller);
    done = true;
    await reading;
    const after = await store.counts();
    expect(after.nodes.Statistic).toBe(smaller.statistic.length);
    expect(seen.length).toBeGreaterThan(2);
    for (const c of seen) {
      const old = c.nodes.Statistic === before.nodes.Statistic && total(c) === total(before);
      const fresh = c.nodes.Statistic === after.nodes.Statistic && total(c) === total(after);
      expect(old || fresh, JSON.stringify(c.nodes)).toBe(true);
    }
    await loadDataset(session, dataset);
    expect(await storeChecksum(session)).toBe(loaded);
  });

  it('fills an empty store through the bulk API with exactly the graph the load files give', async () => {
    const bulk = kind.open();
    const files = kind.open();
    try {
      await loadDataset(bulk, dataset);
      await loadDataset(files, dataset, { bulk: false });
      expect(await storeChecksum(bulk)).toBe(await storeChecksum(files));
      expect(await storeChecksum(bulk)).toBe(loaded);
    } finally {
      await bulk.close();
      await files.close();
    }
  });

  it('leaves an empty store empty when a bulk load fails half-way (a relationship to a missing node)', async () => {
    const fresh = kind.open();
    try {
      const empty = await storeChecksum(fresh);
      const broken = structuredClone(dataset);
      broken.visit[broken.visit.length - 1].destinationIds = ['place:no-such-place'];
      const error = await loadDataset(fresh, broken).catch((e) => e);
      expect(error).toBeInstanceOf(LoadError);
      expect(error.message).toMatch(/place:no-such-place/);
      expect(await storeChecksum(fresh)).toBe(empty);
      expect((await new CypherGraphStore(fresh).counts()).nodes.Visit ?? 0).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('rolls back a load that fails inside the transaction (a relationship to a missing node)', async () => {
    const broken = structuredClone(dataset);
    // Validation would refuse this; the store must hold even when handed it directly.
    broken.donation[broken.donation.length - 1].recipientIds = ['place:no-such-place'];
    await expect(loadDataset(session, broken)).rejects.toBeInstanceOf(LoadError);
    expect(await storeChecksum(session)).toBe(loaded);
    expect((await new CypherGraphStore(session).counts()).nodes.Donation).toBe(dataset.donation.length);
  });
});
