/**
 * A set of node ids that also holds the nodes' numbers, in the set's order: what a place and
 * everything inside it is handed on as (a province at a million nodes holds thousands). A list or
 * total then finds the facts naming them by number (FactTable.actorNumbersOf), instead of looking each id
 * up again in the topology's string table.
 */
export class NodeIdSet extends Set<string> {
  readonly nodes: Int32Array;

  constructor(nodes: Iterable<number>, idAt: (n: number) => string) {
    super();
    this.nodes = Int32Array.from(nodes);
    for (const n of this.nodes) super.add(idAt(n));
  }

  /** Refused: the numbers would no longer match the ids (the constructor fills it through Set's own add). */
  override add(id: string): this {
    throw new Error(`NodeIdSet: cannot add "${id}", the set is fixed`);
  }
}
