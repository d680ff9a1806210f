/** Store reads kept in memory: each id read once, nothing kept past clear(), failures never kept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawDataset, toDataset } from '../../src/dataset/read.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { loadDataset } from '../../src/store/load.js';
import { CypherGraphStore } from '../../src/store/graph-store.js';
import { CachedGraphStore } from '../../src/store/cached-graph-store.js';
import { FaultySession } from '../helpers/faulty-session.js';

const ds = toDataset(readRawDataset().records);
const QINGCHUAN = 'gb:510822@201210';
const GUANGYUAN = 'gb:510800@201210';

describe('the store with what it read kept', () => {
  let session: FaultySession;
  let inner: CypherGraphStore;
  let store: CachedGraphStore;

  beforeAll(async () => {
    session = new FaultySession(new GrafeoSession(':memory:'));
    await loadDataset(session, ds);
    inner = new CypherGraphStore(session);
    store = new CachedGraphStore(inner);
  });
  afterAll(async () => session?.close());

  it('reads each id once, fetching only what it has not seen, and remembers ids that do not exist', async () => {
    const before = inner.calls;
    const first = await store.nodes([QINGCHUAN, 'gb:999999@201210']);
    expect(first.get(QINGCHUAN)!.props.name).toBe('Qingchuan County');
    expect(first.has('gb:999999@201210')).toBe(false);
    expect(inner.calls - before).toBe(1);
    const second = await store.nodes([QINGCHUAN, 'gb:999999@201210']);
    expect(second).toEqual(first);
    expect(inner.calls - before).toBe(1);
    await store.nodes([QINGCHUAN, GUANGYUAN]);
    expect(inner.calls - before).toBe(2);
  });

  it('answers as the store does, and keeps the far ends of the relationships it reads', async () => {
    const direct = await inner.edges([QINGCHUAN], 'in');
    expect(await store.edges([QINGCHUAN], 'in')).toEqual(direct);
    const ends = [...new Set(direct.get(QINGCHUAN)!.map((e) => e.otherId))];
    expect(ends.length).toBeGreaterThan(3);
    const before = inner.calls;
    const nodes = await store.nodes(ends);
    expect(inner.calls - before).toBe(0);
    expect(nodes).toEqual(await inner.nodes(ends));
  });

  it('bounds what it keeps by bytes, all kinds of read together', async () => {
    const small = new CachedGraphStore(inner, { maxBytes: 4_000 });
    const crowded = (await inner.edges([QINGCHUAN], 'in')).get(QINGCHUAN)!;
    expect(crowded.length).toBeGreaterThan(10);
    const before = inner.calls;
    await small.edges([QINGCHUAN], 'in');
    await small.edges([QINGCHUAN], 'in');
    // A list longer than the budget is answered but not kept; single nodes still are.
    expect(inner.calls - before).toBe(2);
    await small.nodes([GUANGYUAN]);
    await small.nodes([GUANGYUAN]);
    expect(inner.calls - before).toBe(3);
    expect(small.bytes).toBeLessThanOrEqual(4_000);
  });

  it('forgets everything on clear(), and never keeps a failed read', async () => {
    await store.nodes([QINGCHUAN]);
    store.clear();
    session.failing = true;
    await expect(store.nodes([QINGCHUAN])).rejects.toThrow(/unavailable|failed/i);
    await expect(store.shortestPath(QINGCHUAN, GUANGYUAN, 3)).rejects.toThrow();
    session.failing = false;
    const before = inner.calls;
    expect((await store.nodes([QINGCHUAN])).get(QINGCHUAN)!.props.name).toBe('Qingchuan County');
    expect((await store.shortestPath(QINGCHUAN, GUANGYUAN, 3))?.nodeIds).toEqual([QINGCHUAN, GUANGYUAN]);
    expect(inner.calls - before).toBe(2);
  });

  it('reads an id once when requests ask for it at the same time, and shares a failure', async () => {
    const fresh = new CachedGraphStore(inner);
    const before = inner.calls;
    const answers = await Promise.all([fresh.nodes([QINGCHUAN]), fresh.nodes([QINGCHUAN, GUANGYUAN]), fresh.nodes([GUANGYUAN])]);
    // The second asks only for what the first is not already reading; the third waits for both.
    expect(inner.calls - before).toBe(2);
    expect(answers[1].get(QINGCHUAN)!.props.name).toBe('Qingchuan County');
    expect(answers[2].get(GUANGYUAN)).toEqual(answers[1].get(GUANGYUAN));
    const other = new CachedGraphStore(inner);
    session.failing = true;
    const failed = await Promise.allSettled([other.nodes([QINGCHUAN]), other.nodes([QINGCHUAN])]);
    session.failing = false;
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await other.nodes([QINGCHUAN])).get(QINGCHUAN)!.props.name).toBe('Qingchuan County');
  });

  it('does not keep a read that was under way when the store was reloaded', async () => {
    const fresh = new CachedGraphStore(inner);
    const reading = fresh.nodes([QINGCHUAN]);
    fresh.clear();
    await reading;
    expect(fresh.peekNode(QINGCHUAN)).toBeUndefined();
    await fresh.nodes([QINGCHUAN]);
    expect(fresh.peekNode(QINGCHUAN)!.props.name).toBe('Qingchuan County');
  });

  it('does not keep the far ends of relationships read while the store was reloaded', async () => {
    const fresh = new CachedGraphStore(inner);
    const farEnd = (await inner.edges([QINGCHUAN], 'in')).get(QINGCHUAN)![0].otherId;
    const reading = fresh.edges([QINGCHUAN], 'in');
    fresh.clear();
    await reading;
    expect(fresh.peekNode(farEnd)).toBeUndefined();
    await fresh.edges([QINGCHUAN], 'in');
    expect(fresh.peekNode(farEnd)).toBeDefined();
  });
});
