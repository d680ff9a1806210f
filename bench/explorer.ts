/**
 * `npm run bench:explorer`: how responsive the explorer page (/explore) is with a large drawing on
 * screen. The real server (tests/helpers/server.ts: the real dataset, in memory) serves the page to
 * Debian's Chromium (tests/helpers/browser.ts), whose /graphql drawing requests are answered with a
 * synthetic drawing of 2,000 nodes and 3,000 edges (bench/explorer-drawing.ts). Each interaction is
 * then done --runs times, on distinct nodes, lines or places, with real input (mouse, wheel, keys,
 * a <select>), and timed in the page:
 *   - latency: from the input event's time stamp to the first frame painted after it (the event's
 *     handlers, Cytoscape's redraw, the paint), the longest of the interaction's events;
 *   - longest task: the longest task on the page's main thread from the input until the page is
 *     idle again (deferred work, such as a new drawing made ready in slices, included): what blocks
 *     the next input.
 * The target is 100 ms for both. Figures: a table on stdout and in bench/EXPLORER.md, JSON in
 * test-artifacts/explorer-timing.json; progress on stderr.
 *   --runs 20  --nodes 2000  --edges 3000  --only select,zoom (rows whose names contain these)
 *   --profile (a CPU profile of each row, test-artifacts/explorer-<row>.cpuprofile)  --no-report
 *   --client <folder> (the explorer's own files, explorer.js and the rest, from that folder instead of
 *     src/clients/explorer/: to compare two versions of the page on the same run of the server)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT } from '../src/dataset/paths.js';
import { launchChromium, SIZES } from '../tests/helpers/browser.js';
import { syntheticSubgraph } from './explorer-drawing.js';
import { percentile } from './measure.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    nodes: { type: 'string', default: '2000' },
    edges: { type: 'string', default: '3000' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-report': { type: 'boolean', default: false },
    client: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const NODES = Number(values.nodes);
const EDGES = Number(values.edges);
const TARGET_MS = 100;
const ARTIFACTS = join(ROOT, 'test-artifacts');
const log = (...a: unknown[]) => console.error(...a);
// The in-process server logs warnings only: stdout is the table's.
process.env.LOG_LEVEL ??= 'warn';
const { startTestServer } = await import('../tests/helpers/server.js');

/**
 * The page's side of the timing, installed before the page's own scripts: for each input event
 * (capture phase, before any handler) its time stamp and the time of the first frame after it
 * (a requestAnimationFrame, then a task: the frame is painted by then), and whether that frame
 * showed the page busy ("Drawing…"); and the long tasks.
 */
function recorder() {
  const rec: any = { on: false, events: [], tasks: [], pending: 0 };
  (window as any).__timing = rec;
  const afterFrame = (done: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(null);
    });
  for (const type of ['mousedown', 'mouseup', 'mousemove', 'wheel', 'keydown', 'change']) {
    window.addEventListener(
      type,
      (e) => {
        if (!rec.on) return;
        const entry = { type, start: e.timeStamp, end: 0, busy: false };
        rec.events.push(entry);
        rec.pending++;
        afterFrame(() => {
          entry.end = performance.now();
          entry.busy = document.getElementById('busy')?.hidden === false;
          rec.pending--;
        });
      },
      { capture: true },
    );
  }
  new PerformanceObserver((list) => {
    for (const t of list.getEntries()) rec.tasks.push({ start: t.startTime, duration: t.duration });
  }).observe({ type: 'longtask', buffered: true });
  // A new drawing: when the page says it drew, and the frame after it.
  rec.drawn = () =>
    new Promise<number>((resolve) => {
      const before = document.body.dataset.renders;
      const seen = new MutationObserver(() => {
        if (document.body.dataset.renders === before) return;
        seen.disconnect();
        afterFrame(() => resolve(performance.now()));
      });
      seen.observe(document.body, { attributes: true, attributeFilter: ['data-renders'] });
    });
}

interface Sample {
  latency: number;
  longestTask: number;
  /** Whether the frame timed showed the page busy (a new drawing asked for). */
  busy?: boolean;
}

interface Row {
  name: string;
  what: string;
  samples: Sample[];
  missed: number;
}

const summary = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
};
const round = (x: number) => Math.round(x);

async function main() {
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  log('explorer bench: starting the server (real dataset, in memory) and Chromium…');
  const server = await startTestServer();
  const browser = await launchChromium();
  const big = syntheticSubgraph(NODES, EDGES);
  const rows: Row[] = [];
  let firstDrawMs = 0;
  let userAgent = '';
  try {
    const context = await browser.newContext({ viewport: SIZES.desktop });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // tsx names the functions passed to the page with a helper of its own, absent there.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.addInitScript(recorder);
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (body?.query?.includes('subgraph(')) await route.fulfill({ json: { data: { subgraph: big } } });
      else await route.continue();
    });
    if (values.client) {
      const files: Record<string, string> = { '/explore': 'index.html' };
      for (const f of ['explorer.js', 'explorer-model.js', 'explorer.css']) files[`/explore/${f}`] = f;
      await page.route(
        (url) => Object.hasOwn(files, url.pathname),
        async (route) => {
          const response = await route.fetch();
          const body = readFileSync(join(values.client!, files[new URL(route.request().url()).pathname]));
          await route.fulfill({ response, body });
        },
      );
    }
    const t0 = Date.now();
    await page.goto(`${server.app.url}/explore?seeds=n0`);
    await page.waitForFunction((n) => Number(document.body.dataset.drawn ?? 0) >= n && !!document.getElementById('busy')!.hidden, NODES, {
      timeout: 60_000,
    });
    firstDrawMs = Date.now() - t0;
    userAgent = await page.evaluate(() => navigator.userAgent);
    log(`  drawn: ${NODES} nodes, ${EDGES} edges, ${firstDrawMs} ms from the page's request`);
    const cdp = values.profile ? await context.newCDPSession(page) : null;
    const bench = new Bench(page, cdp);
    await bench.idle();

    for (const row of INTERACTIONS) {
      if (values.only && !values.only.split(',').some((part) => row.name.includes(part))) continue;
      log(`  ${row.name}: ${RUNS} runs`);
      await bench.reset();
      await bench.startProfile();
      const result: Row = { name: row.name, what: row.what, samples: [], missed: 0 };
      for (let i = 0; i < RUNS; i++) {
        const sample = await row.run(bench, i);
        if (sample) result.samples.push(sample);
        else result.missed++;
      }
      await bench.stopProfile(row.name);
      const s = summary(result.samples.map((x) => x.latency));
      log(`    latency p50 ${round(s.p50)} p95 ${round(s.p95)} max ${round(s.max)} ms${result.missed ? ` (${result.missed} missed)` : ''}`);
      rows.push(result);
    }
    if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await server.app.close();
  }

  const report = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim()}`,
    /** The machine's 1-minute load average as the run started and ended: other work skews the figures. */
    loadAverage: [loadAtStart, loadavg()[0]].map((x) => Math.round(x * 100) / 100),
    browser: userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? userAgent,
    nodes: NODES,
    edges: EDGES,
    runs: RUNS,
    targetMs: TARGET_MS,
    firstDrawWithPageLoadMs: firstDrawMs,
    interactions: rows.map((r) => ({
      name: r.name,
      what: r.what,
      runs: r.samples.length,
      missed: r.missed,
      latencyMs: mapValues(summary(r.samples.map((x) => x.latency)), round),
      longestTaskMs: mapValues(summary(r.samples.map((x) => x.longestTask)), round),
    })),
  };
  const table = markdownTable(report);
  console.log(table);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'explorer-timing.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (!values['no-report'] && !values.only && !values.client && RUNS >= 20)
    writeFileSync(join(ROOT, 'bench', 'EXPLORER.md'), markdownReport(report, table));
  log(`explorer bench: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

const mapValues = <T extends Record<string, number>>(o: T, f: (x: number) => number) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) as T;

type Report = {
  date: string;
  machine: string;
  loadAverage: number[];
  browser: string;
  nodes: number;
  edges: number;
  runs: number;
  targetMs: number;
  firstDrawWithPageLoadMs: number;
  interactions: Array<{
    name: string;
    what: string;
    runs: number;
    missed: number;
    latencyMs: { p50: number; p95: number; max: number };
    longestTaskMs: { p50: number; p95: number; max: number };
  }>;
};

function markdownTable(report: Report): string {
  const ok = (r: Report['interactions'][number]) =>
    r.runs && r.latencyMs.max <= report.targetMs && r.longestTaskMs.max <= report.targetMs ? 'yes' : 'no';
  return [
    `| interaction | runs | latency p50 / p95 / max ms | longest task p50 / p95 / max ms | ≤ ${report.targetMs} ms |`,
    '|---|---:|---:|---:|:---:|',
    ...report.interactions.map(
      (r) =>
        `| ${r.name} | ${r.runs}${r.missed ? ` (${r.missed} missed)` : ''} | ${r.latencyMs.p50} / ${r.latencyMs.p95} / ${r.latencyMs.max} | ${r.longestTaskMs.p50} / ${r.longestTaskMs.p95} / ${r.longestTaskMs.max} | ${ok(r)} |`,
    ),
  ].join('\n');
}

function markdownReport(report: Report, table: string): string {
  return `# Explorer responsiveness

Written by \`npm run bench:explorer\` (bench/explorer.ts) on ${report.date.slice(0, 10)}: ${report.machine}, ${report.browser}
(headless, --disable-gpu), desktop size ${SIZES.desktop.width}×${SIZES.desktop.height}; the machine's 1-minute load average
${report.loadAverage.join(' at the start, ')} at the end (other work on it slows every figure). A synthetic drawing of
${report.nodes.toLocaleString('en')} nodes and ${report.edges.toLocaleString('en')} edges (bench/explorer-drawing.ts); the first drawing took
${report.firstDrawWithPageLoadMs.toLocaleString('en')} ms from the request for the page. Each interaction ${report.runs} times, on distinct nodes, lines or places.

- **latency**: from the input event's time stamp to the first frame painted after it.
- **longest task**: the longest task on the page's main thread from the input until the page is idle
  again, deferred work (a new drawing made ready in slices, a change of size) included: what the next input would wait for.

Target: ${report.targetMs} ms for both.

${table}

What each row does:

${report.interactions.map((r) => `- **${r.name}**: ${r.what}`).join('\n')}

Method and history: docs/PERFORMANCE.md, "Explorer".
`;
}

/** Interactions with the page, timed. */
class Bench {
  constructor(
    readonly page: Page,
    readonly cdp: CDPSession | null,
  ) {}

  /** Waits until no frame is owed and no task ran for a while (a deferred restyle included). */
  async idle(quietMs = 400) {
    await this.page.evaluate(async (quiet) => {
      const rec = (window as any).__timing;
      const last = () => Math.max(0, ...rec.tasks.map((t: any) => t.start + t.duration));
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, quiet));
        if (rec.pending === 0 && performance.now() - last() >= quiet) return;
      }
    }, quietMs);
  }

  /** Back to the whole drawing, fitted, nothing selected. */
  async reset() {
    await this.page.evaluate(() => {
      const { cy } = (window as any).explorer;
      if (cy.$(':selected').nonempty()) cy.emit('tap');
    });
    await this.page.click('#fit');
    await this.page.mouse.move(2, 2);
    await this.idle();
  }

  /** Times what `act` does: the input events it causes, and the tasks until the page is idle. */
  async time(act: () => Promise<void>, types: string[], options: { drawing?: boolean; acknowledged?: boolean } = {}): Promise<Sample> {
    const { page } = this;
    const since = await page.evaluate(() => {
      const rec = (window as any).__timing;
      rec.events = [];
      rec.on = true;
      return performance.now();
    });
    const drawn = options.drawing ? page.evaluate(() => (window as any).__timing.drawn()) : null;
    await act();
    const drawnAt = drawn ? await drawn : 0;
    await this.idle();
    const { events, tasks } = await page.evaluate((since) => {
      const rec = (window as any).__timing;
      rec.on = false;
      return { events: rec.events, tasks: rec.tasks.filter((t: any) => t.start + t.duration >= since) };
    }, since);
    const mine = (events as Array<{ type: string; start: number; end: number; busy: boolean }>).filter((e) => types.includes(e.type));
    if (!mine.length) throw new Error(`no ${types.join('/')} event seen`);
    // Acknowledged: to the frame after the click (its press and release), which must show "Drawing…".
    if (options.acknowledged) return { latency: mine.at(-1)!.end - mine[0].start, longestTask: longest(tasks), busy: mine.at(-1)!.busy };
    const latency = drawnAt
      ? drawnAt - mine[0].start
      : types.includes('mousedown')
        ? mine.at(-1)!.end - mine[0].start // a click: from the press to the frame after the release
        : Math.max(...mine.map((e) => e.end - e.start));
    return { latency, longestTask: longest(tasks) };
  }

  /** Where the graph's top-left corner is on the page. */
  graphBox() {
    return this.page.evaluate(() => {
      const b = document.getElementById('graph')!.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    });
  }

  /**
   * Distinct elements on screen that a pointer at their centre would hit, away from the edges of
   * the drawing, for the run `i`: nodes (or lines, at their midpoint, well away from any node).
   */
  async target(kind: 'node' | 'edge', i: number): Promise<{ id: string; x: number; y: number }> {
    const found = await this.page.evaluate(
      ([kind, i]) => {
        const { cy } = (window as any).explorer;
        const box = document.getElementById('graph')!.getBoundingClientRect();
        const margin = 60;
        const inside = (p: { x: number; y: number }) =>
          p.x > margin && p.x < box.width - margin && p.y > margin && p.y < box.height - margin;
        // What a click there would hit, as Cytoscape finds it: the element itself, not one over it.
        const r = cy.renderer();
        // Mouse events carry whole pixels: the point is tested as the page will receive it.
        const hits = (ele: any, at: { x: number; y: number }) => {
          const model = r.projectIntoViewport(Math.round(box.left + at.x), Math.round(box.top + at.y));
          return r.findNearestElement(model[0], model[1], true, false) === ele;
        };
        const at = (ele: any) => (kind === 'node' ? ele.renderedPosition() : ele.renderedMidpoint());
        const all = kind === 'node' ? cy.nodes() : cy.edges();
        // Spread over the drawing: from a pseudo-random start for the run, the first that fits.
        const from = Math.floor(((i * 7919) % 997) * (all.length / 997));
        let ele = null;
        for (let k = 0; k < all.length && !ele; k++) {
          const e = all[(from + k * 37) % all.length];
          if (!e.selected() && inside(at(e)) && hits(e, at(e))) ele = e;
        }
        if (!ele) return null;
        const point = at(ele);
        return { id: ele.id(), x: Math.round(box.left + point.x), y: Math.round(box.top + point.y) };
      },
      [kind, i] as const,
    );
    if (!found) throw new Error(`no ${kind} on screen to pick`);
    return found;
  }

  /** A point of the drawing's background: no node or line near it. */
  async background(i: number): Promise<{ x: number; y: number }> {
    return this.page.evaluate((i) => {
      const { cy } = (window as any).explorer;
      const box = document.getElementById('graph')!.getBoundingClientRect();
      const r = cy.renderer();
      for (let k = 0; k < 400; k++) {
        const x = 20 + (((i + 1) * 131 + k * 977) % Math.max(1, box.width - 40));
        const y = 20 + (((i + 1) * 71 + k * 613) % Math.max(1, box.height - 40));
        const model = r.projectIntoViewport(box.left + x, box.top + y);
        const near = r.findNearestElements(model[0], model[1], true, false);
        const hit = document.elementFromPoint(box.left + x, box.top + y);
        if (!near.length && hit && document.getElementById('graph')!.contains(hit)) return { x: box.left + x, y: box.top + y };
      }
      throw new Error('no empty place in the drawing');
    }, i);
  }

  async startProfile() {
    if (!this.cdp) return;
    await this.cdp.send('Profiler.enable');
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await this.cdp.send('Profiler.start');
  }

  async stopProfile(name: string) {
    if (!this.cdp) return;
    const { profile } = await this.cdp.send('Profiler.stop');
    const file = join(ARTIFACTS, `explorer-${name.replace(/\W+/g, '-')}.cpuprofile`);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    log(`    profile: ${file}`);
  }
}

const longest = (tasks: Array<{ duration: number }>) => Math.max(0, ...tasks.map((t) => t.duration));

const view = (page: Page) => page.evaluate(() => ({ zoom: (window as any).explorer.cy.zoom() }));

/** A click on the `i`th target of a kind, timed; null if what it selected is not that target. */
async function select(b: Bench, kind: 'node' | 'edge', i: number): Promise<Sample | null> {
  const t = await b.target(kind, i);
  const sample = await b.time(() => b.page.mouse.click(t.x, t.y), ['mousedown', 'mouseup']);
  const selected = await b.page.evaluate(() => (window as any).explorer.selected?.id);
  return selected === t.id ? sample : null;
}

/** The interactions, in the order they are run; each run returns null if its input missed its target. */
const INTERACTIONS: Array<{ name: string; what: string; run: (b: Bench, i: number) => Promise<Sample | null> }> = [
  {
    name: 'select a node',
    what: 'a click on a node of the fitted drawing: it is selected, its neighbours are marked and labelled, the details panel shows it.',
    run: (b, i) => select(b, 'node', i),
  },
  {
    name: 'select a line',
    what: 'a click on a line’s midpoint: it is selected, its ends are marked, the details panel shows its facts.',
    run: (b, i) => select(b, 'edge', i),
  },
  {
    name: 'hover',
    what: 'the pointer moves onto a node (from the background) and stays: Cytoscape looks for what is under it.',
    async run(b, i) {
      const t = await b.target('node', i);
      const from = await b.background(i);
      await b.page.mouse.move(from.x, from.y);
      await b.idle(150);
      return b.time(() => b.page.mouse.move(t.x, t.y, { steps: 4 }), ['mousemove']);
    },
  },
  {
    name: 'zoom in (wheel)',
    what: 'thirty turns of the mouse wheel, one a frame, over a place of the fitted drawing (Cytoscape zooms ×1.03 a turn, ×2.3 in all): the worst frame of the thirty.',
    async run(b, i) {
      await b.page.click('#fit');
      await b.idle();
      const at = await b.target('node', i);
      await b.page.mouse.move(at.x, at.y);
      await b.idle(150);
      return b.time(async () => {
        for (let k = 0; k < 30; k++) {
          await b.page.mouse.wheel(0, -100);
          await b.page.waitForTimeout(16);
        }
      }, ['wheel']);
    },
  },
  {
    name: 'zoom in ×3 (keys)',
    what: 'five presses of + with the drawing focused (×1.25 each, ×3 in all) from the fitted drawing, centred on a different place each time: labels come into view; the worst frame of the five.',
    async run(b, i) {
      await b.page.click('#fit');
      await b.idle();
      const t = await b.target('node', i);
      const box = await b.graphBox();
      await b.page.evaluate(
        ([dx, dy]) => void (window as any).explorer.cy.panBy({ x: dx, y: dy }),
        [box.x + box.width / 2 - t.x, box.y + box.height / 2 - t.y],
      );
      await b.page.focus('#graph');
      await b.idle();
      const before = (await view(b.page)).zoom;
      const sample = await b.time(async () => {
        for (let k = 0; k < 5; k++) await b.page.keyboard.press('+');
      }, ['keydown']);
      const after = (await view(b.page)).zoom;
      return Math.abs(after / before - 1.25 ** 5) < 0.01 ? sample : null;
    },
  },
  {
    name: 'zoom out ÷3 (keys)',
    what: 'five presses of − from a drawing zoomed ×3 (labels shown): labels leave; the worst frame of the five.',
    async run(b, i) {
      const t = await b.target('node', i);
      const box = await b.graphBox();
      await b.page.evaluate(
        ([dx, dy]) => {
          const { cy } = (window as any).explorer;
          cy.panBy({ x: dx, y: dy });
          cy.zoom({ level: cy.zoom() * 1.25 ** 5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        },
        [box.x + box.width / 2 - t.x, box.y + box.height / 2 - t.y],
      );
      await b.page.focus('#graph');
      await b.idle();
      const sample = await b.time(async () => {
        for (let k = 0; k < 5; k++) await b.page.keyboard.press('-');
      }, ['keydown']);
      await b.page.click('#fit');
      return sample;
    },
  },
  {
    name: 'pan (drag)',
    what: 'a drag of the background by 160 px in 8 moves; the worst frame of the moves.',
    run: drag,
  },
  {
    name: 'pan zoomed in (drag)',
    what: 'the same drag with the drawing zoomed ×3 (labels shown).',
    async run(b, i) {
      if (i === 0)
        await b.page.evaluate(() => {
          const { cy } = (window as any).explorer;
          cy.zoom({ level: cy.zoom() * 3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        });
      return drag(b, i);
    },
  },
  {
    name: 'filter: colour by',
    what: 'the “Colour by” select switched between type and community: every node is recoloured in place (no new request), the legend follows.',
    async run(b, i) {
      return b.time(() => b.page.selectOption('#colour', i % 2 ? 'type' : 'community').then(() => undefined), ['change']);
    },
  },
  {
    name: 'filter: size by',
    what: 'the “Size by” select switched between connections and yuan: every node is resized in place.',
    async run(b, i) {
      return b.time(() => b.page.selectOption('#size', i % 2 ? 'degree' : 'yuan').then(() => undefined), ['change']);
    },
  },
  {
    name: 'filter: a relation',
    what: 'a relation’s box ticked or unticked: the drawing is asked for again (answered at once by the bench) and drawn anew; to the frame after the new drawing.',
    async run(b) {
      return b.time(() => b.page.click('#rel-AGREEMENT'), ['mousedown'], { drawing: true });
    },
  },
  {
    name: 'redraw (Rearrange)',
    what: '“Rearrange”: the drawing is asked for again and drawn anew; to the frame after the new drawing.',
    async run(b) {
      return b.time(() => b.page.click('#relayout'), ['mousedown'], { drawing: true });
    },
  },
  {
    name: 'filter: a relation, acknowledged',
    what: 'the same tick, to the first frame after the click, which must show “Drawing…” (else the run counts as missed); the longest task still includes the new drawing.',
    async run(b) {
      const sample = await b.time(() => b.page.click('#rel-AGREEMENT'), ['mousedown', 'mouseup'], { drawing: true, acknowledged: true });
      return sample.busy ? sample : null;
    },
  },
  {
    name: 'redraw (Rearrange), acknowledged',
    what: '“Rearrange”, to the first frame after the click, which must show “Drawing…”.',
    async run(b) {
      const sample = await b.time(() => b.page.click('#relayout'), ['mousedown', 'mouseup'], { drawing: true, acknowledged: true });
      return sample.busy ? sample : null;
    },
  },
];

/** A drag of the background by 160 px in 8 moves; null if it did not pan the drawing. */
async function drag(b: Bench, i: number): Promise<Sample | null> {
  const from = await b.background(i);
  await b.page.mouse.move(from.x, from.y);
  await b.idle(150);
  const dx = i % 2 ? -20 : 20;
  const dy = i % 4 < 2 ? 10 : -10;
  const before = await b.page.evaluate(() => (window as any).explorer.cy.pan());
  const sample = await b.time(async () => {
    await b.page.mouse.down();
    for (let k = 1; k <= 8; k++) await b.page.mouse.move(from.x + dx * k, from.y + dy * k);
    await b.page.mouse.up();
  }, ['mousemove']);
  const after = await b.page.evaluate(() => (window as any).explorer.cy.pan());
  return Math.abs(after.x - before.x - 8 * dx) < 2 ? sample : null;
}

await main();
