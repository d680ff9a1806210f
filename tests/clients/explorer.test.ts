/**
 * The explorer page in a real headless Chromium at a desktop's, a tablet's and a phone's size:
 * search, the legend, merged lines and their quotes, node money, the view in the URL, node size
 * and colour, the timeline's play, undo and start again, the 20-seed limit, errors in words,
 * drawers on narrow screens, picture downloads, keys, an axe-core accessibility check, and a drawing of 2,000 nodes
 * (bench/explorer-drawing.ts; its speed is measured by npm run bench:explorer). Screenshots are kept in test-artifacts/.
 * Chromium: tests/helpers/browser.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, chromiumAvailable, launchChromium, SIZES } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { countedDonations, ds, texts } from '../helpers/dataset.js';
import { syntheticSubgraph } from '../../bench/explorer-drawing.js';

const available = chromiumAvailable('the explorer test');

const QINGCHUAN = 'gb:510822@201210';
const ZHEJIANG = 'gb:330000@201210';
/** Twenty provinces: as many starting points as the API draws from. */
const PROVINCES = [
  '110000', '120000', '310000', '320000', '330000', '350000', '370000', '440000', '210000', '500000',
  '510000', '520000', '530000', '540000', '610000', '620000', '630000', '640000', '650000', '450000',
].map((code) => `gb:${code}@201210`); // prettier-ignore
const ARTIFACTS = 'test-artifacts';

/** '#2b6cb0' as 'rgb(43, 108, 176)', as getComputedStyle writes colours. */
const rgbOf = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

const recordedQuotes = new Set([...ds.pairing, ...ds.donation, ...ds.visit, ...ds.meeting, ...ds.agreement].map((r) => r.source.quote));

describe.skipIf(!available)('explorer page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  /** A fresh page at a size, collecting the page's uncaught errors. */
  async function open(size: keyof typeof SIZES, path = '/explore'): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: SIZES[size], acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.app.url}${path}`);
    return { page, errors };
  }

  const drawn = (page: Page, more = 1) =>
    page.waitForFunction((n) => Number(document.body.dataset.drawn ?? 0) >= n && !!document.getElementById('busy')!.hidden, more, {
      timeout: 20_000,
    });
  const nodeIds = (page: Page) =>
    page.evaluate(
      () =>
        (window as any).explorer.cy
          .nodes()
          .map((n: any) => n.id())
          .sort() as string[],
    );

  const renders = (page: Page) => page.evaluate(() => Number(document.body.dataset.renders ?? 0));
  /** Until the page has drawn twice: a change's frame, and the one after it. */
  const twoFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  /** The drawing zoomed to `level` about its centre, and drawn. */
  const zoomCentred = async (page: Page, level: number) => {
    await page.evaluate((level) => {
      const { cy } = (window as any).explorer;
      cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    }, level);
    await twoFrames(page);
  };

  /** Searches, and waits for the first match to be drawn (a new drawing, not the one before). */
  async function search(page: Page, text: string) {
    const before = await renders(page);
    await page.fill('#search', text);
    await page.press('#search', 'Enter');
    await expect.poll(() => renders(page), { timeout: 20_000 }).toBeGreaterThan(before);
    await drawn(page, 2);
  }

  /** Taps a drawn element where it is on screen. */
  async function tap(page: Page, id: string) {
    const point = await page.evaluate((id) => {
      const ele = (window as any).explorer.cy.getElementById(id);
      const box = document.getElementById('graph')!.getBoundingClientRect();
      const at = ele.isNode() ? ele.renderedPosition() : ele.renderedMidpoint();
      return { x: box.left + at.x, y: box.top + at.y };
    }, id);
    await page.mouse.click(point.x, point.y);
  }

  /** The line drawn for one relation between two nodes, as the page keeps it. */
  const lineBetween = (page: Page, type: string, source: string, target: string) =>
    page.evaluate(
      ([type, source, target]) =>
        [...(window as any).explorer.lines.values()]
          .filter((l: any) => l.type === type && l.source === source && l.target === target)
          .map((l: any) => ({ id: l.id, count: l.count, yuan: l.yuan, quotes: l.facts.map((f: any) => f.provenance?.quote) })),
      [type, source, target],
    );

  it('searches Qingchuan, shows the legend, the node’s money and the view in the URL', async () => {
    const { page, errors } = await open('desktop');
    await search(page, 'Qingchuan');
    expect(await page.locator('#results li').first().textContent()).toContain('Qingchuan County');
    expect(await nodeIds(page)).toContain(QINGCHUAN);
    expect(new URL(page.url()).searchParams.get('seeds')).toBe(QINGCHUAN);

    // The legend names the five node types and the relations drawn, in the colours drawn.
    await expect.poll(() => page.locator('#legend').isVisible()).toBe(true);
    expect(await page.locator('#legend-nodes li').allTextContents()).toEqual([
      'Place',
      'Official',
      'Organisation',
      'Enterprise',
      'Project',
    ]);
    const legendEdges = await page.locator('#legend-edges li').allTextContents();
    expect(legendEdges).toEqual(expect.arrayContaining(['Pairing', 'Donation', 'Visit', 'Part of']));
    const colours = await page.evaluate(() => {
      const cy = (window as any).explorer.cy;
      const donation = [...(window as any).explorer.lines.values()].find((l: any) => l.type === 'DONATION');
      const drawnColour = cy.getElementById(donation.id).style('line-color');
      const swatch = [...document.querySelectorAll('#legend-edges li')]
        .find((li) => li.textContent === 'Donation')!
        .querySelector('.swatch')!;
      // The page draws the nodes on its own canvas: the colour it fills the node with.
      const place = (window as any).explorer.nodeColour('gb:510822@201210');
      const placeSwatch = document.querySelector('#legend-nodes li .swatch')!;
      return {
        drawn: drawnColour,
        legend: getComputedStyle(swatch).borderTopColor,
        place,
        placeLegend: getComputedStyle(placeSwatch).backgroundColor,
      };
    });
    const rgb = (colour: string) => colour.replace(/\s/g, '');
    expect(rgb(colours.legend)).toBe(rgb(colours.drawn));
    expect(rgb(colours.placeLegend)).toBe(rgb(rgbOf(colours.place)));

    // The seed's panel: its money, as the API counts it for this drawing.
    const api = await server.gql(`query($i: SubgraphInput!) { subgraph(input: $i) { nodes { id yuanReceived yuanGiven } } }`, {
      i: { seeds: [QINGCHUAN], relations: ['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT', 'PART_OF'], perNodeLimit: 25 },
    });
    const received = BigInt(api.body.data.subgraph.nodes.find((n: any) => n.id === QINGCHUAN).yuanReceived);
    expect(received > 0n).toBe(true);
    expect(await page.textContent('#details-title')).toBe('Qingchuan County');
    expect(await page.textContent('#details-body')).toContain(`${received.toLocaleString('en')} yuan`);

    // The download links carry the current view.
    expect(await page.getAttribute('#downloads a[href^="/export/gexf"]', 'href')).toContain(`seeds=${encodeURIComponent(QINGCHUAN)}`);
    await page.screenshot({ path: `${ARTIFACTS}/explorer-1400x900.png` });
    expect(errors).toEqual([]);
  });

  it('merges parallel donations into one line with count and total, lists each quote, and opens it into its edges', async () => {
    const { page, errors } = await open('desktop', `/explore?seeds=${QINGCHUAN}`);
    await drawn(page, 2);
    const [line] = await lineBetween(page, 'DONATION', ZHEJIANG, QINGCHUAN);
    const between = (d: (typeof ds.donation)[number]) => d.donorIds.includes(ZHEJIANG) && d.recipientIds.includes(QINGCHUAN);
    const facts = ds.donation.filter(between);
    expect(line.count).toBe(facts.length);
    expect(await lineBetween(page, 'DONATION', ZHEJIANG, QINGCHUAN)).toHaveLength(1);
    // Its total counts money once: shares of a stated total and restatements are not added again.
    const once = countedDonations()
      .filter(between)
      .reduce((sum, d) => sum + BigInt(d.amount?.yuan ?? 0), 0n);
    expect(once < facts.reduce((sum, d) => sum + BigInt(d.amount?.yuan ?? 0), 0n)).toBe(true);
    expect(line.yuan).toBe(once.toString());

    await tap(page, line.id);
    await page.waitForSelector('#details-body .quote');
    // Both ends named, the total given, and each fact's quote, as the sources have it.
    expect(await page.textContent('#details-body .ends')).toMatch(/Donor\s*Zhejiang Province\s*Recipient\s*Qingchuan County/);
    expect(await page.textContent('#details-title')).toBe(`${line.count} donations`);
    expect(await page.textContent('#details-body')).toContain(`${once.toLocaleString('en')} yuan in total`);
    expect(await page.textContent('#details-body')).toMatch(/Money counted once: \d+ of the \d+ are shares/);
    const quotes = await page.locator('#details-body .quote').allTextContents();
    expect(quotes).toHaveLength(line.count);
    for (const quote of quotes) {
      expect(recordedQuotes.has(quote)).toBe(true);
      expect([...texts.values()].some((t) => t.includes(quote))).toBe(true);
    }
    // The label says it without a click.
    const label = await page.evaluate((id) => (window as any).explorer.cy.getElementById(id).data('label'), line.id);
    expect(label).toMatch(new RegExp(`^${line.count}× · [\\d.,]+ (million|billion) yuan · 20\\d\\d`));

    await page.click('#separate');
    await expect.poll(async () => (await lineBetween(page, 'DONATION', ZHEJIANG, QINGCHUAN)).length).toBe(line.count);
    await page.click('#separate');
    await expect.poll(async () => (await lineBetween(page, 'DONATION', ZHEJIANG, QINGCHUAN)).length).toBe(1);
    expect(errors).toEqual([]);
  });

  it("shows a single edge's quote and both its ends", async () => {
    const { page } = await open('desktop', `/explore?seeds=${QINGCHUAN}`);
    await drawn(page, 2);
    const single = await page.evaluate(() =>
      [...(window as any).explorer.lines.values()]
        .filter((l: any) => l.count === 1 && l.facts[0].provenance)
        .map((l: any) => ({ id: l.id as string, quote: l.facts[0].provenance.quote as string }))
        .at(0),
    );
    if (!single) throw new Error('no line of a single quoted fact drawn');
    await tap(page, single.id);
    await page.waitForSelector('#details-body .quote');
    expect(await page.textContent('#details-body .quote')).toBe(single.quote);
    expect(recordedQuotes.has(single.quote)).toBe(true);
    expect(await page.locator('#details-body .ends dd').count()).toBe(2);
  });

  it('draws the view a URL names, and puts every change back in the URL', async () => {
    const path = `/explore?seeds=${QINGCHUAN},${ZHEJIANG}&relations=PAIRING,DONATION&year=2012&layout=3`;
    const { page, errors } = await open('desktop', path);
    await drawn(page, 2);
    const api = await server.gql(`query($i: SubgraphInput!) { subgraph(input: $i) { nodes { id } } }`, {
      i: { seeds: [QINGCHUAN, ZHEJIANG], relations: ['PAIRING', 'DONATION'], year: 2012, perNodeLimit: 25, layoutSeed: 3 },
    });
    const expected = api.body.data.subgraph.nodes.map((n: any) => n.id).sort();
    expect(await nodeIds(page)).toEqual(expected);
    expect(await page.inputValue('#year')).toBe('2012');
    expect(await page.isChecked('#rel-VISIT')).toBe(false);
    expect(await page.isChecked('#rel-DONATION')).toBe(true);

    // A change goes into the URL; the URL opened elsewhere draws the same.
    await page.selectOption('#year', '2011');
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe('2011');
    await drawn(page, 2);
    const after = await nodeIds(page);
    const { page: again } = await open('desktop', new URL(page.url()).pathname + new URL(page.url()).search);
    await drawn(again, 2);
    expect(await nodeIds(again)).toEqual(after);
    expect(errors).toEqual([]);
  });

  it('sizes nodes by degree or yuan and colours them by type or community, kept in the URL', async () => {
    // Two starting points: two neighbourhoods, so more than one community.
    const { page, errors } = await open('desktop', `/explore?seeds=${QINGCHUAN},${ZHEJIANG}`);
    await drawn(page, 2);
    await page.selectOption('#size', 'degree');
    const nodes = (on = page) =>
      on.evaluate(() =>
        (window as any).explorer.cy.nodes().map((n: any) => {
          const data = (window as any).explorer.nodes.get(n.id());
          const colour = (window as any).explorer.nodeColour(n.id());
          return { id: n.id(), width: n.width(), colour, degree: data.degree, community: data.community };
        }),
      ) as Promise<Array<{ id: string; width: number; colour: string; degree: number; community: number }>>;
    // By degree: a busier node is drawn larger than a quieter one.
    const byDegree = (await nodes()).sort((a, b) => b.degree - a.degree);
    const [busiest, quietest] = [byDegree[0], byDegree.at(-1)!];
    expect(busiest.degree).toBeGreaterThan(quietest.degree);
    expect(busiest.width).toBeGreaterThan(quietest.width);

    // By yuan: the node with the most money drawn is larger than one with none.
    await page.selectOption('#size', 'yuan');
    await expect.poll(() => new URL(page.url()).searchParams.get('size')).toBe('yuan');
    const money = await page.evaluate(() =>
      [...(window as any).explorer.nodes.values()].map((n: any) => ({
        id: n.id as string,
        yuan: Number(n.yuanGiven) + Number(n.yuanReceived),
        width: (window as any).explorer.cy.getElementById(n.id).width() as number,
      })),
    );
    const richest = money.reduce((a, b) => (b.yuan > a.yuan ? b : a));
    const none = money.find((n) => n.yuan === 0)!;
    expect(richest.width).toBeGreaterThan(none.width);

    // By community: nodes of different communities differ in colour; the legend says so.
    const renders0 = await renders(page);
    await page.selectOption('#colour', 'community');
    await expect.poll(() => new URL(page.url()).searchParams.get('colour')).toBe('community');
    expect(await renders(page)).toBe(renders0); // restyled, not drawn again
    const coloured = await nodes();
    const communities = [...new Set(coloured.map((n) => n.community))];
    expect(communities.length).toBeGreaterThan(1);
    const colourOf = (c: number) => coloured.find((n) => n.community === c)!.colour;
    expect(colourOf(communities[0])).not.toBe(colourOf(communities[1]));
    for (const n of coloured) expect(n.colour).toBe(colourOf(n.community));
    expect(await page.isVisible('#legend-communities')).toBe(true);
    expect(await page.textContent('#legend-communities')).toContain('Colour: community');
    await page.screenshot({ path: `${ARTIFACTS}/explorer-community.png` });

    // The saved picture has the nodes in the colours drawn: the PNG's pixel at a node's centre.
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#download-png')]);
    const pngData = readFileSync((await png.path())!).toString('base64');
    const saved = await page.evaluate(async (data) => {
      const { cy } = (window as any).explorer;
      // From the bytes (the page's policy allows no data: images).
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      // As savePicture makes it: the whole drawing, at twice the scale of a small one.
      const box = cy.elements().boundingBox();
      const scale = Math.min(2, 4000 / Math.max(box.w, box.h, 1));
      return cy.nodes().map((n: any) => {
        const p = n.position();
        const [r, g, b] = ctx.getImageData(Math.floor((p.x - box.x1) * scale), Math.floor((p.y - box.y1) * scale), 1, 1).data;
        return { colour: (window as any).explorer.nodeColour(n.id()), pixel: `rgb(${r}, ${g}, ${b})` };
      }) as Array<{ colour: string; pixel: string }>;
    }, pngData);
    // Nodes may overlap, or be crossed by a label: most show their own colour.
    const same = saved.filter((n) => rgbOf(n.colour) === n.pixel).length;
    expect(same).toBeGreaterThan(saved.length * 0.6);

    // The URL opened elsewhere draws the same way.
    const url = new URL(page.url());
    const { page: again } = await open('desktop', url.pathname + url.search);
    await drawn(again, 2);
    expect(await again.inputValue('#size')).toBe('yuan');
    expect(await again.inputValue('#colour')).toBe('community');
    const colouredAgain = new Map((await nodes(again)).map((n) => [n.id, n]));
    expect(colouredAgain.size).toBe(coloured.length);
    for (const n of coloured) expect(colouredAgain.get(n.id)).toMatchObject({ colour: n.colour, width: n.width });
    expect(errors).toEqual([]);
  });

  it('draws two or three steps out from the starting points: kept in the URL, undone, refused in words when too costly', async () => {
    const { page, errors } = await open('desktop', `/explore?seeds=${ZHEJIANG}`);
    await drawn(page, 2);
    const one = await nodeIds(page);
    expect(await page.inputValue('#hops')).toBe('1');
    expect(new URL(page.url()).searchParams.get('hops')).toBeNull();

    // From the keyboard: the control focused, the arrow key picks 2 steps.
    await page.focus('#hops');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(page.url()).searchParams.get('hops')).toBe('2');
    await expect.poll(async () => (await nodeIds(page)).length).toBeGreaterThan(one.length);
    await drawn(page, one.length + 1);
    const two = await nodeIds(page);
    const api = await server.gql(`query($i: SubgraphInput!) { subgraph(input: $i) { nodes { id } } }`, {
      i: { seeds: [ZHEJIANG], hops: 2, relations: ['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT', 'PART_OF'], perNodeLimit: 25 },
    });
    expect(two).toEqual(api.body.data.subgraph.nodes.map((n: any) => n.id).sort());
    for (const id of one) expect(two).toContain(id);
    expect(await page.getAttribute('#downloads a[href^="/export/gexf"]', 'href')).toContain('hops=2');

    // The link draws the same two steps elsewhere.
    const url = new URL(page.url());
    const { page: again } = await open('desktop', url.pathname + url.search);
    await drawn(again, 2);
    expect(await again.inputValue('#hops')).toBe('2');
    expect(await nodeIds(again)).toEqual(two);

    // Too costly for the server: said in words, the drawing and the control stay as they were.
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.variables?.input?.hops === 3)
        await route.fulfill({
          json: { errors: [{ message: 'query cost 99999 exceeds the limit', extensions: { code: 'QUERY_TOO_COSTLY' } }], data: null },
        });
      else await route.continue();
    });
    await page.selectOption('#hops', '3');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toContain('too large to draw at once');
    expect(await page.textContent('#error')).toContain('Steps from the starting points');
    expect(await page.textContent('#error')).toContain('The drawing was left as it was.');
    expect(await nodeIds(page)).toEqual(two);
    expect(await page.inputValue('#hops')).toBe('2');
    expect(new URL(page.url()).searchParams.get('hops')).toBe('2');
    await page.unroute('**/graphql');

    // Undo goes back to one step.
    await page.click('#undo');
    await expect.poll(() => new URL(page.url()).searchParams.get('hops')).toBeNull();
    await expect.poll(() => nodeIds(page)).toEqual(one);
    expect(await page.inputValue('#hops')).toBe('1');
    expect(errors).toEqual([]);
  });

  it('plays the years: each shows only what stood by then, and Pause stops it', async () => {
    const { page, errors } = await open('desktop', `/explore?seeds=${QINGCHUAN}`);
    await drawn(page, 2);
    const all = await page.evaluate(() => (window as any).explorer.cy.edges().length);
    // Each year as it was shown, recorded in the page the moment the badge changes: reading it from
    // the test instead races the timer on a loaded machine. Lines of later years carry the class the
    // explorer hides them with (Cytoscape's own ':visible' is only brought up to date when it draws).
    await page.evaluate(() => {
      const w = window as any;
      w.yearsShown = [];
      const badge = document.getElementById('year-badge')!;
      new MutationObserver(() => {
        if (!badge.textContent) return;
        const visible = w.explorer.cy.edges().filter((e: any) => !e.hasClass('later'));
        w.yearsShown.push({
          year: badge.textContent,
          edges: visible.map((e: any) => e.id()).sort(),
          labels: visible.map((e: any) => e.data('label')),
          status: document.getElementById('status')!.textContent,
        });
      }).observe(badge, { childList: true, characterData: true, subtree: true });
    });
    type YearShown = { year: string; edges: string[]; labels: string[]; status: string };
    const yearShown = async (year: string, after = 0): Promise<YearShown> => {
      let found: YearShown | undefined;
      await expect
        .poll(
          async () => {
            const all: YearShown[] = await page.evaluate(() => (window as any).yearsShown);
            found = all.slice(after).find((y) => y.year === year);
            return Boolean(found);
          },
          { timeout: 8000 },
        )
        .toBe(true);
      return found!;
    };
    const yearsSoFar = () => page.evaluate(() => (window as any).yearsShown.length as number);
    const positions = () =>
      page.evaluate(() => Object.fromEntries((window as any).explorer.cy.nodes().map((n: any) => [n.id(), n.position()])));
    const before = await positions();

    // From the keyboard: focus Play and press Enter.
    await page.focus('#play');
    await page.keyboard.press('Enter');
    const first = await yearShown('2010');
    // A line of several years counts, in 2010, only its facts of 2010 and before.
    for (const label of first.labels) expect(label).not.toMatch(/2011|2012/);
    expect(first.status).toMatch(/^2010: /);
    const second = await yearShown('2011');
    const third = await yearShown('2012');
    // Each year only adds lines; the early years hide some; the last shows what is drawn; nothing moves.
    for (const id of first.edges) expect(second.edges).toContain(id);
    for (const id of second.edges) expect(third.edges).toContain(id);
    expect(first.edges.length).toBeLessThan(third.edges.length);
    expect(third.edges.length).toBe(all);
    expect(await positions()).toEqual(before);
    // The last year ends the play.
    await expect.poll(() => page.textContent('#play')).toBe('Play years');

    // Play again, then pause: the year stays.
    await page.click('#play');
    await expect.poll(() => page.textContent('#year-badge')).toBe('2010');
    expect(await page.textContent('#play')).toBe('Pause');
    await page.click('#play');
    expect(await page.textContent('#play')).toBe('Play years');
    const paused = await page.textContent('#year-badge');
    await page.waitForTimeout(2000);
    expect(await page.textContent('#year-badge')).toBe(paused);
    // What is drawn is what the paused year keeps.
    const kept = (await page.evaluate(() => (window as any).yearsShown)).at(-1) as YearShown;
    expect(kept.year).toBe(paused);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as any).explorer.cy
            .edges(':visible')
            .map((e: any) => e.id())
            .sort(),
        ),
      )
      .toEqual(kept.edges);

    // "All years" shows everything again.
    await page.click('#all-years');
    expect(await page.isHidden('#year-badge')).toBe(true);
    expect(await page.evaluate(() => (window as any).explorer.cy.edges(':visible').length)).toBe(all);

    // A range: the drawing is asked for those years only, goes into the URL, and plays from its first year.
    const drawings = await renders(page);
    await page.selectOption('#from', '2011');
    await expect.poll(() => renders(page)).toBeGreaterThan(drawings);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2011');
    expect(await page.isHidden('#error')).toBe(true);
    const played = await yearsSoFar();
    await page.click('#play');
    const only2011 = await yearShown('2011', played);
    for (const label of only2011.labels) expect(label).not.toMatch(/2010|2012/);
    await page.screenshot({ path: `${ARTIFACTS}/explorer-timeline.png` });
    await page.click('#play');
    expect(errors).toEqual([]);
  });

  it('expands on request, undoes it, starts again, and clears the details of what is no longer drawn', async () => {
    const { page, errors } = await open('desktop', `/explore?seeds=${QINGCHUAN}`);
    await drawn(page, 2);
    const first = await nodeIds(page);
    await tap(page, ZHEJIANG);
    await page.waitForSelector('#expand');
    // A click selects; it does not expand.
    expect(new URL(page.url()).searchParams.get('seeds')).toBe(QINGCHUAN);
    await page.click('#expand');
    await expect.poll(() => new URL(page.url()).searchParams.get('seeds')).toBe(`${QINGCHUAN},${ZHEJIANG}`);
    await drawn(page, first.length + 1);
    expect((await nodeIds(page)).length).toBeGreaterThan(first.length);
    expect(await page.textContent('#details-title')).toBe('Zhejiang Province');

    await page.click('#undo');
    await expect.poll(() => new URL(page.url()).searchParams.get('seeds')).toBe(QINGCHUAN);
    await expect.poll(() => nodeIds(page)).toEqual(first);

    // A new search replaces the drawing and the details with its own.
    await search(page, 'Shanghai');
    expect(await page.textContent('#details-title')).toContain('Shanghai');

    await page.click('#reset');
    await expect.poll(() => page.evaluate(() => document.body.dataset.drawn)).toBe('0');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.textContent('#details-title')).toBe('Details');
    expect(errors).toEqual([]);
  });

  it('draws a project found by search with the relations it needs', async () => {
    const project = ds.project.find((p) => p.id === 'proj:ledu-fruit-base')!;
    const { page } = await open('desktop');
    await search(page, project.name);
    expect(await nodeIds(page)).toContain(project.id);
    expect((await nodeIds(page)).length).toBeGreaterThanOrEqual(3);
    const relations = new URL(page.url()).searchParams.get('relations')!.split(',');
    expect(relations).toEqual(expect.arrayContaining(['SPONSOR', 'LOCATED_IN']));
  });

  it('explains the 20-seed limit before it bites, and says in words when the server cannot be reached', async () => {
    const { page, errors } = await open('desktop', `/explore?seeds=${PROVINCES.join(',')}&relations=PAIRING&limit=10`);
    await drawn(page, 21);
    expect(await page.textContent('#seeds-note')).toContain('20');
    const other = await page.evaluate(() =>
      (window as any).explorer.cy
        .nodes()
        .filter((n: any) => !n.hasClass('seed'))[0]
        .id(),
    );
    await page.evaluate((id) => void (window as any).explorer.cy.getElementById(id).emit('tap'), other);
    await page.waitForSelector('#expand');
    expect(await page.isDisabled('#expand')).toBe(true);
    expect(await page.textContent('.limit-note')).toMatch(/20 places or actors, the most/);
    // A double tap asks for it too: the page says why not, and sends nothing.
    await page.evaluate((id) => void (window as any).explorer.cy.getElementById(id).emit('dbltap'), other);
    expect(await page.textContent('#status')).toMatch(/already starts from 20/);
    expect(await page.isHidden('#error')).toBe(true);

    // The server out of reach: a change says so in words and keeps the drawing; the next one works.
    const before = await nodeIds(page);
    await page.route('**/graphql', (route) => route.abort());
    await page.selectOption('#year', '2012');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toContain('The server could not be reached');
    expect(await page.textContent('#error')).not.toMatch(/TypeError|Failed to fetch/);
    expect(await nodeIds(page)).toEqual(before);
    expect(await page.inputValue('#year')).toBe('');
    expect(new URL(page.url()).searchParams.get('year')).toBeNull();
    await page.unroute('**/graphql');
    await page.selectOption('#year', '2012');
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe('2012');
    await drawn(page, 2);
    expect(await page.isHidden('#error')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('downloads the drawing as PNG and SVG, and is usable from the keyboard', async () => {
    const { page } = await open('desktop', `/explore?seeds=${QINGCHUAN}`);
    await drawn(page, 2);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#download-png')]);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.suggestedFilename()).toBe('pairing-graph-qingchuan-county.png');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#download-svg')]);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('Qingchuan County');

    // Keys: the search box from the keyboard, a visible focus ring, + to zoom the drawing.
    await page.focus('#search');
    await page.keyboard.type('Zhejiang');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('seeds')).toBe(ZHEJIANG);
    await drawn(page, 2);
    await page.focus('#graph');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('graph');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    const zoom = await page.evaluate(() => (window as any).explorer.cy.zoom());
    await page.keyboard.press('+');
    expect(await page.evaluate(() => (window as any).explorer.cy.zoom())).toBeCloseTo(zoom * 1.25, 5);
  });

  for (const size of ['desktop', 'tablet', 'phone'] as const) {
    const { width, height } = SIZES[size];
    it(`at ${width}×${height}: the drawing has room, the details open, and axe finds nothing serious`, async () => {
      const { page, errors } = await open(size, `/explore?seeds=${QINGCHUAN}`);
      await drawn(page, 2);
      const graph = await page.locator('#graph').boundingBox();
      expect(graph!.width).toBeGreaterThan(width * (size === 'desktop' ? 0.4 : 0.6));
      expect(graph!.height).toBeGreaterThan(height * 0.5);
      expect(await page.isVisible('#legend summary')).toBe(true);

      if (size === 'phone') {
        // The results and filters are a drawer behind a visible button.
        expect(await page.isVisible('#year')).toBe(false);
        await page.click('#toggle-side');
        await expect.poll(() => page.isVisible('#year')).toBe(true);
        await expect.poll(async () => (await page.locator('#side').boundingBox())!.x).toBeGreaterThanOrEqual(0);
        await page.click('#side .drawer-close');
        await expect.poll(() => page.isVisible('#year')).toBe(false);
      }
      if (size !== 'desktop') expect(await page.isVisible('#details-title')).toBe(false);
      await tap(page, ZHEJIANG);
      await expect.poll(() => page.textContent('#details-title')).toBe('Zhejiang Province');
      await expect.poll(() => page.isVisible('#expand')).toBe(true);
      await page.waitForTimeout(300); // the drawer's slide
      const details = (await page.locator('#details').boundingBox())!;
      expect(details.x).toBeGreaterThanOrEqual(0);
      expect(details.x + details.width).toBeLessThanOrEqual(width + 1);
      expect(details.y + details.height).toBeLessThanOrEqual(height + 1);
      await page.screenshot({ path: `${ARTIFACTS}/explorer-${width}x${height}.png` });

      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it('draws a large drawing whole: 2,000 nodes, labels by zoom, a tap that selects (its speed: npm run bench:explorer)', async () => {
    const { page, errors } = await open('desktop');
    const big = syntheticSubgraph(2000, 3000);
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (body?.query?.includes('subgraph(')) await route.fulfill({ json: { data: { subgraph: big } } });
      else await route.continue();
    });
    await page.goto(`${server.app.url}/explore?seeds=n0`);
    await drawn(page, big.nodes.length);
    const counts = await page.evaluate(() => {
      const { cy } = (window as any).explorer;
      return { nodes: cy.nodes().length, lines: cy.edges().length, status: document.getElementById('status')!.textContent };
    });
    expect(counts).toEqual({ nodes: 2000, lines: 3000, status: '2,000 nodes and 3,000 lines standing for 3,000 facts.' });
    // A new drawing (Rearrange) is made ready before it is shown (prepareDrawing): each line's ends
    // are worked out once, not again in the frames after, and Cytoscape draws again.
    // (Each drawing has a Cytoscape of its own: the count is kept on the renderers' prototype.)
    await page.evaluate(() => {
      let proto = Object.getPrototypeOf((window as any).explorer.cy.renderer());
      while (!Object.prototype.hasOwnProperty.call(proto, 'recalculateEdgeProjections')) proto = Object.getPrototypeOf(proto);
      const own = proto.recalculateEdgeProjections;
      (window as any).linesWorkedOut = 0;
      proto.recalculateEdgeProjections = function (edges: unknown[]) {
        (window as any).linesWorkedOut += edges.length;
        return own.call(this, edges);
      };
      (window as any).stopCounting = () => (proto.recalculateEdgeProjections = own);
    });
    const drawingsBefore = await renders(page);
    await page.click('#relayout');
    await expect.poll(() => renders(page), { timeout: 20_000 }).toBeGreaterThan(drawingsBefore);
    await drawn(page, big.nodes.length);
    await page.waitForTimeout(200);
    const workedOut = await page.evaluate(() => {
      const { cy } = (window as any).explorer;
      (window as any).stopCounting();
      return { lines: (window as any).linesWorkedOut as number, held: cy.batching() as boolean };
    });
    expect(workedOut).toEqual({ lines: 3000, held: false });

    // The page writes the labels: what a frame wrote, once the view has settled.
    const written = async () => {
      await twoFrames(page);
      return page.evaluate(() => {
        const { overlay, cy } = (window as any).explorer;
        return { ...overlay.written, zoom: cy.zoom() as number, kept: new Set([...overlay.lead, ...overlay.near]).size };
      });
    };
    // Fitted, the ordinary labels would be too small to read: only the starting point (selected,
    // with its neighbours) and the busiest nodes keep theirs, at 13 px.
    const fitted = await written();
    expect(fitted.zoom).toBeLessThan(0.3);
    expect(fitted.kept).toBeGreaterThanOrEqual(12);
    expect(fitted.nodeLabels).toBe(fitted.kept);
    expect(fitted.smallestPx).toBe(13);
    expect(fitted.lineLabels).toBe(0);
    // Zoomed in, the labels of the nodes on screen are written, none under 9 px, and the lines' from 8 px.
    await page.evaluate(() => {
      const { cy } = (window as any).explorer;
      cy.zoom({ level: 1, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    });
    const zoomed = await written();
    expect(zoomed.nodeLabels).toBeGreaterThan(20);
    expect(zoomed.nodeLabels).toBeLessThan(2000);
    expect(zoomed.lineLabels).toBeGreaterThan(0);
    expect(zoomed.smallestPx).toBeGreaterThanOrEqual(9);
    await page.screenshot({ path: `${ARTIFACTS}/explorer-2000-zoomed.png` });

    // A tap selects a node and fills the details; its neighbours are labelled; then a line.
    await page.click('#fit');
    await tap(page, 'n700');
    await expect.poll(() => page.textContent('#details-title')).toBe('Synthetic place number 700');
    const around = big.edges.filter((e) => e.source === 'n700' || e.target === 'n700');
    expect(await page.textContent('#details-body')).toContain(`Connections drawn (${around.length})`);
    const selected = await page.evaluate(() => ({
      selected: (window as any).explorer.selected,
      near: [...(window as any).explorer.overlay.near].sort(),
    }));
    expect(selected.selected).toEqual({ kind: 'node', id: 'n700' });
    expect(selected.near).toEqual([...new Set(['n700', ...around.flatMap((e) => [e.source, e.target])])].sort());
    expect((await written()).nodeLabels).toBeGreaterThan(fitted.nodeLabels);
    await page.click('#details-body .connections button');
    await expect.poll(() => page.evaluate(() => (window as any).explorer.selected?.kind)).toBe('line');
    expect(await page.textContent('#details-body')).toContain('Synthetic place number 700');
    await page.screenshot({ path: `${ARTIFACTS}/explorer-2000.png` });

    // Colour by community: every node recoloured in place, nothing asked again.
    const drawings = await renders(page);
    await page.selectOption('#colour', 'community');
    await expect.poll(() => page.isVisible('#legend-communities')).toBe(true);
    const colours = await page.evaluate(() => [0, 250, 450].map((i) => (window as any).explorer.nodeColour(`n${i}`)));
    expect(new Set(colours).size).toBe(3);
    expect(await renders(page)).toBe(drawings);
    // What the canvas shows at nodes' centres (zoomed so that ordinary labels are hidden, away
    // from the labels kept and the selection): their colours.
    await zoomCentred(page, 0.5);
    const pixels = await page.evaluate(() => {
      const { cy, overlay } = (window as any).explorer;
      const [w, h] = [cy.width(), cy.height()];
      const kept = [...overlay.lead, ...overlay.near].map((id) => cy.getElementById(id).renderedPosition());
      const clear = (p: { x: number; y: number }) => kept.every((k) => Math.abs(p.x - k.x) > 150 || p.y - k.y < -20 || p.y - k.y > 40);
      const ids = cy
        .nodes()
        .filter((n: any) => {
          const p = n.renderedPosition();
          return p.x > 20 && p.x < w - 20 && p.y > 20 && p.y < h - 20 && clear(p);
        })
        .map((n: any) => n.id())
        .slice(0, 8) as string[];
      const ratio = window.devicePixelRatio || 1;
      const ctx = overlay.layers.nodes.canvas.getContext('2d');
      return ids.map((id) => {
        const at = cy.getElementById(id).renderedPosition();
        const [r, g, b] = ctx.getImageData(Math.floor(at.x * ratio), Math.floor(at.y * ratio), 1, 1).data;
        const hex = `#${[r, g, b].map((v: number) => v.toString(16).padStart(2, '0')).join('')}`;
        return { id, hex, colour: (window as any).explorer.nodeColour(id) };
      });
    });
    expect(pixels.length).toBeGreaterThan(3);
    for (const p of pixels) expect(p.hex).toBe(p.colour);
    // The lines are the page's too: zoomed in (lines 3 px and more wide), what the canvas shows a
    // third of the way along straight lines is their colour (a crossing line or a label may cover
    // a few), and Cytoscape's own canvases are left empty.
    await zoomCentred(page, 2);
    const lines = await page.evaluate(() => {
      const { cy, overlay } = (window as any).explorer;
      const [w, h, zoom, pan] = [cy.width(), cy.height(), cy.zoom(), cy.pan()];
      const ratio = window.devicePixelRatio || 1;
      const ctx = overlay.layers.lines.canvas.getContext('2d');
      const hex = (x: number, y: number) =>
        `#${[...ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data.slice(0, 3)]
          .map((v: number) => v.toString(16).padStart(2, '0'))
          .join('')}`;
      const picks = cy
        .edges()
        .filter((e: any) => !e.hasClass('curved'))
        .map((e: any) => {
          const [s, t] = [e.sourceEndpoint(), e.targetEndpoint()];
          return { colour: e.data('color'), x: (s.x + (t.x - s.x) / 3) * zoom + pan.x, y: (s.y + (t.y - s.y) / 3) * zoom + pan.y };
        })
        .filter((p: any) => p.x > 20 && p.x < w - 20 && p.y > 20 && p.y < h - 20)
        .slice(0, 12);
      const blank = [...cy.container().querySelectorAll('canvas')]
        .filter((c: HTMLCanvasElement) => !c.classList.contains('overlay-canvas') && c.width && c.height)
        .every((c: HTMLCanvasElement) =>
          c
            .getContext('2d')!
            .getImageData(0, 0, c.width, c.height)
            .data.every((v, i) => i % 4 !== 3 || v === 0),
        );
      return { picked: picks.length, drawn: picks.filter((p: any) => hex(p.x, p.y) === p.colour).length, blank };
    });
    expect(lines.picked).toBe(12);
    expect(lines.drawn).toBeGreaterThanOrEqual(8);
    expect(lines.blank).toBe(true);
    // Size by yuan (none here): each node smaller, drawn so, nothing asked again.
    const before = await page.evaluate(() => (window as any).explorer.cy.getElementById('n0').width());
    await page.selectOption('#size', 'yuan');
    await expect.poll(() => page.evaluate(() => (window as any).explorer.cy.getElementById('n0').width())).toBeLessThan(before);
    expect(await renders(page)).toBe(drawings);
    // Resized a slice at a time, Cytoscape's drawing held meanwhile: in the end every node has its
    // new size, the lines end at the new borders (where their arrows are), and Cytoscape draws again.
    const settled = () =>
      page.evaluate(() => {
        const { cy } = (window as any).explorer;
        const resized = cy.nodes().every((n: any) => n.width() === n.data('sizeYuan'));
        const ends = cy
          .edges()
          .filter((e: any) => e.target().data('shape') === 'ellipse')
          .map((e: any) => {
            const [end, at] = [e.targetEndpoint(), e.target().position()];
            return Math.abs(Math.hypot(end.x - at.x, end.y - at.y) - e.target().width() / 2);
          });
        return { resized, linesEndOnBorders: ends.length > 0 && Math.max(...ends) < 0.01, held: cy.batching() as boolean };
      });
    await expect.poll(settled, { timeout: 10_000 }).toEqual({ resized: true, linesEndOnBorders: true, held: false });

    // "Play years" pressed while a new drawing is still being added a slice at a time, then
    // "Pause": the year shown holds for every line, those added after the press too.
    const drawingsBeforePlay = await renders(page);
    const pressedAt = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          document.getElementById('relayout')!.click();
          const poll = () => {
            const added = (window as any).explorer.cy.elements().length;
            if (added === 0 || added >= 5000) return setTimeout(poll, 0);
            document.getElementById('play')!.click();
            document.getElementById('play')!.click();
            resolve(added);
          };
          setTimeout(poll, 0);
        }),
    );
    expect(pressedAt).toBeGreaterThan(0);
    await expect.poll(() => renders(page), { timeout: 20_000 }).toBeGreaterThan(drawingsBeforePlay);
    await drawn(page, big.nodes.length);
    const yearShown = await page.evaluate(() => {
      const { cy, timeline, lines, view } = (window as any).explorer;
      const M = (window as any).ExplorerModel;
      const wrong = cy.edges().filter((e: any) => {
        const inYears = lines.get(e.id()).facts.some((f: unknown) => M.factInWindow(f, view.from, timeline.year));
        return e.hasClass('later') === inYears;
      });
      return { year: timeline.year as number | null, lines: cy.edges().length as number, wrong: wrong.length as number };
    });
    expect(yearShown.year).not.toBeNull();
    expect(yearShown).toEqual({ year: yearShown.year, lines: 3000, wrong: 0 });
    expect(errors).toEqual([]);
  });
});
