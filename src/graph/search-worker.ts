/**
 * The search index's own thread: builds the index from the candidates it is given and answers
 * searches. The index and the garbage searches leave are collected on this thread, and a search
 * runs here alongside the requests the serving thread is answering, never pausing them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchIndex } from './search-index.js';
import type { SearchCandidate } from '../store/graph-store.js';
import type { SearchRequest, SearchReply } from './search-thread.js';

const { candidates } = workerData as { candidates: SearchCandidate[] };
const index = new SearchIndex(candidates);
// A new thread's first searches would run unoptimised code, some over a hundred thousand postings:
// a few of each kind (whole name, prefix, misspelling, one common word) before the first request's.
for (let i = 0; i < candidates.length; i += Math.ceil(candidates.length / 10)) {
  const { name } = candidates[i];
  const word = name.split(' ')[0];
  for (const q of [name, name.slice(0, Math.ceil(name.length / 2)), word + word.slice(-1), word]) index.search(q, null, 10);
}
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
