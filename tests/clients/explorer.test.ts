/**
 * The explorer page in a real headless Chromium: search "Qingchuan", see its neighbourhood drawn,
 * click an edge and read its quote; a screenshot is kept in test-artifacts/. Chromium comes from
 * Debian (.ci/run installs it); without it the test is skipped outside CI and fails in CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ds, texts } from '../helpers/dataset.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) to run the explorer test`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message}; skipped.`);
}

describe.skipIf(!available)('explorer page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  it("searches Qingchuan, draws its neighbourhood, and shows an edge's quote", async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.app.url}/explore`);
    await page.fill('#search', 'Qingchuan');
    await page.press('#search', 'Enter');
    await page.waitForFunction(() => Number(document.body.dataset.drawn ?? 0) > 1, null, { timeout: 20_000 });
    expect(await page.locator('#results li').first().textContent()).toContain('Qingchuan County');

    const drawn = await page.evaluate(() => {
      const cy = (window as any).explorer.cy;
      return { nodes: cy.nodes().map((n: any) => n.id()), edges: cy.edges().length };
    });
    expect(drawn.nodes).toContain('gb:510822@201210');
    expect(drawn.edges).toBeGreaterThan(0);

    // Click the first edge that carries a quote, where it is drawn on screen.
    const point = await page.evaluate(() => {
      const cy = (window as any).explorer.cy;
      const edge = cy.edges().filter((e: any) => e.data('provenance'))[0];
      const box = document.getElementById('graph')!.getBoundingClientRect();
      const mid = edge.renderedMidpoint();
      return { x: box.left + mid.x, y: box.top + mid.y, quote: edge.data('provenance').quote };
    });
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('#quote', { timeout: 5000 });
    const quote = await page.textContent('#quote');
    expect(quote).toBe(point.quote);
    // The quote is a sentence of the sources, as the dataset records it.
    const recorded = [...ds.pairing, ...ds.donation, ...ds.visit, ...ds.meeting, ...ds.agreement].some((r) => r.source.quote === quote);
    expect(recorded).toBe(true);
    expect([...texts.values()].some((t) => t.includes(quote!))).toBe(true);

    // The download links carry the current view.
    const href = await page.getAttribute('#downloads a[href^="/export/gexf"]', 'href');
    expect(href).toContain('seeds=gb%3A510822%40201210');

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/explorer.png' });
    expect(errors).toEqual([]);
  });
});
