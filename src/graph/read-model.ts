/**
 * The read model: everything queries need of the whole graph, built from the store when the
 * server starts (or the store is loaded again) and before it says it is ready, then swapped in
 * whole. Nothing in it is built on a request.
 *
 * - the topology (every node and relationship, in typed arrays): neighbourhoods, paths, hierarchy;
 * - the node cards (names, kinds, codes, years, amounts, dates): drawings, place lists, filters;
 * - the fact index (donations, pairings, visits by the actors they name): lists and totals;
 * - the search index, on its own thread.
 *
 * Entity properties (quotes, aliases, titles…) stay in the store and are read per request.
 */
import type { GraphStore } from '../store/graph-store.js';
import type { NodeLabel } from '../store/graph-rows.js';
import { collectBuildGarbage } from './build-garbage.js';
import { FactIndex } from './fact-index.js';
import { NodeCards } from './node-cards.js';
import { PlaceContents } from './place-contents.js';
import { SearchThread } from './search-thread.js';
import { Topology } from './topology.js';

/** How big the loaded graph is: it caps what a request may be priced at. */
export interface GraphSize {
  actors: number;
  relationships: number;
  donations: number;
  visits: number;
  pairings: number;
  statistics: number;
  commitments: number;
}

const ACTOR_LABELS: NodeLabel[] = ['Place', 'Official', 'Organisation', 'Enterprise', 'Project'];

/** A step of the build, for the log: what is being read or built now. */
export type BuildProgress = (step: string) => void;

export class ReadModel {
  private constructor(
    readonly topology: Topology,
    readonly cards: NodeCards,
    readonly facts: FactIndex,
    private searchThread: SearchThread,
    private readonly store: GraphStore,
    readonly size: GraphSize,
    private readonly byName: Map<NodeLabel, Int32Array>,
    /** Every statistic's node number, in id order: what a statistics list without a place goes through. */
    readonly statistics: Int32Array,
    /** Every commitment's node number, in id order. */
    readonly commitments: Int32Array,
    /** What lies inside each place. */
    readonly contents: PlaceContents,
  ) {}

  /** The search index's thread; one that stops is started again from the store, in the background. */
  get search(): SearchThread {
    return this.searchThread;
  }

  private closed = false;

  private restartSearch(): void {
    if (this.closed) return;
    SearchThread.build(this.store, () => this.restartSearch()).then(
      (thread) => {
        if (this.closed) void thread.close();
        else this.searchThread = thread;
      },
      (e) => console.error(`could not restart the search index: ${(e as Error).message}`),
    );
  }

  /** Every actor of a label (Place, Official, Organisation, Enterprise, Project) by name, then id. */
  actorsByName(label: NodeLabel): Int32Array {
    return this.byName.get(label) ?? new Int32Array(0);
  }

  /**
   * Reads the store one part at a time (on a large graph, reads at once made one exceed the
   * store's time limit, and their rows together doubled the peak memory).
   */
  static async build(store: GraphStore, progress: BuildProgress = () => {}): Promise<ReadModel> {
    const started = Date.now();
    const step = (s: string) => progress(`${s} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    step('reading nodes');
    let cardRows: Awaited<ReturnType<GraphStore['nodeCards']>> | null = await store.nodeCards();
    step(`reading relationships of ${cardRows.length.toLocaleString('en')} nodes`);
    let relationships: Awaited<ReturnType<GraphStore['relationships']>> | null = await store.relationships();
    // The search index builds on its own thread while this one builds the rest: on two cores that
    // takes its seconds off the start. (The store's two large reads stay one after the other.)
    // The thread's stop handler needs the model that is made after it.
    const made: { model?: ReadModel } = {};
    step('building the search index, on its own thread');
    const searching = SearchThread.build(store, () => made.model?.restartSearch());
    // Its failure is taken up where it is awaited; until then it must not count as unhandled.
    searching.catch(() => undefined);
    try {
      step(`building the topology of ${relationships.length.toLocaleString('en')} relationships`);
      const { topology, numbered } = Topology.build(cardRows, relationships);
      relationships = null;
      const cards = NodeCards.build(topology, cardRows, numbered);
      cardRows = null;
      collectBuildGarbage();
      step('listing what lies inside each place');
      const contents = PlaceContents.build(topology);
      step('indexing facts');
      const facts = FactIndex.build(topology, cards, await store.pairingFacts());
      collectBuildGarbage();
      step('waiting for the search index');
      const search = await searching;
      collectBuildGarbage();
      const byName = new Map(ACTOR_LABELS.map((label) => [label, sortedByName(topology, cards, label)]));
      const statistics = Int32Array.from(topology.withLabel('Statistic'));
      const commitments = Int32Array.from(topology.withLabel('Commitment'));
      const size = { ...measure(topology, facts, byName), statistics: statistics.length, commitments: commitments.length };
      step('read model ready');
      made.model = new ReadModel(topology, cards, facts, search, store, size, byName, statistics, commitments, contents);
      return made.model;
    } catch (e) {
      // A build that fails leaves no thread behind.
      void searching.then(
        (thread) => thread.close(),
        () => undefined,
      );
      throw e;
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return this.searchThread.close();
  }
}

/** A label's nodes by name (in code-point order, as Cypher orders strings), then id. */
function sortedByName(topology: Topology, cards: NodeCards, label: NodeLabel): Int32Array {
  const nodes = topology.withLabel(label);
  const names = new Map(nodes.map((n) => [n, cards.str(n, 'name') ?? '']));
  nodes.sort((a, b) => {
    const [x, y] = [names.get(a)!, names.get(b)!];
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  return Int32Array.from(nodes);
}

function measure(topology: Topology, facts: FactIndex, byName: Map<NodeLabel, Int32Array>): Omit<GraphSize, 'statistics' | 'commitments'> {
  let actors = 0;
  for (const list of byName.values()) actors += list.length;
  return {
    actors,
    relationships: topology.relationshipCount,
    donations: facts.donationCount,
    visits: facts.visitCount,
    pairings: facts.pairings.length,
  };
}
