/**
 * Heavy clients for `npm run bench:limits`, in a process of their own so that reading their large
 * answers does not delay the cheap client being measured. Each sends the heaviest admitted
 * subgraph (with a GEXF export) over and over until the time is up, waiting a tenth of a second
 * after a refusal, and prints how the answers went as one JSON line.
 * `tsx bench/heavy-client.ts <url> <seconds> <clients>`, seed ids on stdin (JSON).
 */
import { text } from 'node:stream/consumers';

const [url, seconds, clients] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const seeds: string[] = JSON.parse(await text(process.stdin));
const until = Date.now() + seconds * 1000;
const outcomes: Record<string, number> = {};
let n = 0;

async function client(): Promise<void> {
  while (Date.now() < until) {
    const i = ++n;
    // As the explorer asks: one document, the neighbourhood in its variables.
    const input = {
      seeds: Array.from({ length: 20 }, (_, k) => seeds[(i * 20 + k) % seeds.length]),
      perNodeLimit: 50,
      layoutIterations: 100,
      layoutSeed: i,
    };
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query Heavy($input: SubgraphInput!) { subgraph(input: $input) { nodes { id } gexf: export(format: GEXF) } }',
        variables: { input },
      }),
    });
    const body = await res.text();
    // Only the start is read: an answer with errors lists them first.
    const code = body.startsWith('{"errors"') ? /"code":"(\w+)"/.exec(body)?.[1] : undefined;
    const key = code ? `${res.status} ${code}` : String(res.status);
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    if (res.status === 503) await new Promise((r) => setTimeout(r, 100));
  }
}

await Promise.all(Array.from({ length: clients }, client));
console.log(JSON.stringify(outcomes));
