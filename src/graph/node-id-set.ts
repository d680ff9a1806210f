/**
 * A set of node ids that also holds the nodes' numbers, in the set's order: what a place and
 * everything inside it is handed on as (a province at a million nodes holds thousands). Lists and
 * totals find the facts naming them by number (FactTable.actorNumbersOf, FactIndex's pairings),
 * and `has` and `size` answer from the numbers too; the ids themselves are decoded only when the
 * set is walked as strings. Made for a request, a province's ids as strings cost about 4 ms.
 */
export class NodeIdSet extends Set<string> {
  readonly nodes: Int32Array;
  private sorted: Int32Array | null = null;
  private filled = false;

  constructor(
    nodes: ArrayLike<number>,
    private readonly idAt: (n: number) => string,
    private readonly indexOf: (id: string) => number,
  ) {
    super();
    this.nodes = Int32Array.from(nodes);
  }

  override get size(): number {
    return this.nodes.length;
  }

  override has(id: string): boolean {
    const n = this.indexOf(id);
    if (n < 0) return false;
    const sorted = (this.sorted ??= this.nodes.slice().sort());
    let [lo, hi] = [0, sorted.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < n) lo = mid + 1;
      else hi = mid;
    }
    return sorted[lo] === n;
  }

  /** The ids as strings, decoded once, the first time the set is walked. */
  private fill(): void {
    if (this.filled) return;
    this.filled = true;
    for (const n of this.nodes) super.add(this.idAt(n));
  }

  override [Symbol.iterator](): SetIterator<string> {
    this.fill();
    return super[Symbol.iterator]();
  }

  override values(): SetIterator<string> {
    this.fill();
    return super.values();
  }

  override keys(): SetIterator<string> {
    this.fill();
    return super.keys();
  }

  override entries(): SetIterator<[string, string]> {
    this.fill();
    return super.entries();
  }

  override forEach(f: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(f, thisArg);
  }

  /** Refused, as are `delete` and `clear`: the numbers would no longer match the ids. */
  override add(id: string): this {
    throw new Error(`NodeIdSet: cannot add "${id}", the set is fixed`);
  }

  override delete(id: string): boolean {
    throw new Error(`NodeIdSet: cannot delete "${id}", the set is fixed`);
  }

  override clear(): void {
    throw new Error('NodeIdSet: cannot be cleared, the set is fixed');
  }
}
