/**
 * The search index's own thread: builds the index from the candidates it is given and answers
 * searches. Its heap, which at national scale holds a few hundred megabytes of index, is
 * collected on this thread and never pauses the one serving requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchIndex } from './search-index.js';
import type { SearchCandidate } from '../store/graph-store.js';
import type { SearchRequest, SearchReply } from './search-thread.js';

const index = new SearchIndex((workerData as { candidates: SearchCandidate[] }).candidates);
parentPort!.on('message', ({ id, query, labels, limit }: SearchRequest) => {
  let reply: SearchReply;
  try {
    reply = { id, matches: index.search(query, labels, limit) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
