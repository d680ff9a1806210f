/**
 * The home page on `/` and the GraphQL editor on `/graphiql`, offline: every request the browser
 * makes goes to the server under test (none leaves 127.0.0.1), the README's examples are offered,
 * and one runs in GraphiQL and shows its answer; axe-core finds nothing serious in either page (GraphiQL's own
 * components aside). Screenshots are kept in test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../src/dataset/paths.js';
import { GRAPHIQL_CSP } from '../../src/server/http-policy.js';
import { readmeExamples } from '../../src/server/routes.js';
import { axeViolations, chromiumAvailable, launchChromium, SIZES } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const available = chromiumAvailable('the home page test');

const README = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README examples', () => {
  it('takes every ```graphql block of the README, each with the sentence before it', () => {
    const examples = readmeExamples(README);
    expect(examples.length).toBe(README.match(/^```graphql$/gm)!.length);
    for (const example of examples) {
      expect(README).toContain(example.query);
      expect(example.query.trim()).toMatch(/^\{[\s\S]*\}$/);
      expect(example.title.length).toBeGreaterThan(10);
      expect(example.title).not.toMatch(/`|\]\(/);
    }
    expect(examples.map((e) => e.title)).toContain('Find anything by name, alias or misspelling');
  });

  it('reads a block after a heading, skips other code, and strips Markdown', () => {
    const text = [
      '# Top',
      '',
      'Ask `place` [here](x.md).',
      'More: ',
      '',
      '```sh',
      'npm start',
      '```',
      '',
      'Then:',
      '```graphql',
      '{ a }',
      '```',
    ];
    expect(readmeExamples(text.join('\n'))).toEqual([{ title: 'Then', description: 'Then:', section: 'Top', query: '{ a }' }]);
    const long = ['## S', '', `${'word '.repeat(40)}end.`, '', '```graphql', '{ b }', '```'].join('\n');
    const [example] = readmeExamples(long);
    expect(example.title.length).toBeLessThanOrEqual(101);
    expect(example.title.endsWith('…')).toBe(true);
  });
});

describe.skipIf(!available)('home page and GraphQL editor in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    mkdirSync('test-artifacts', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  /** A fresh page that records the host of every request and the page's errors and policy violations. */
  async function open(size: keyof typeof SIZES) {
    const context = await browser.newContext({ viewport: SIZES[size] });
    const page = await context.newPage();
    const hosts = new Set<string>();
    const errors: string[] = [];
    page.on('request', (r) => hosts.add(new URL(r.url()).hostname));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      (window as any).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as any).violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    return { page, hosts, errors, violations: () => page.evaluate(() => (window as any).violations as string[]) };
  }

  const queryText = (page: Page) =>
    page.evaluate(() => (document.querySelector('.graphiql-query-editor .CodeMirror') as any).CodeMirror.getValue() as string);

  it('serves a home page that says what this is and links the explorer, the editor, the examples and the downloads', async () => {
    const res = await fetch(`${server.app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);

    const { page, hosts, errors, violations } = await open('desktop');
    await page.goto(`${server.app.url}/`);
    await page.waitForSelector('#examples:not([aria-busy])');
    expect(await page.textContent('h1')).toBe('pairing-graph');
    expect(await page.textContent('main')).toContain('verbatim quote');
    const hrefs = await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['/explore', '/graphiql', '/graphql', '/export/panel.csv']));
    expect(hrefs.some((h) => h?.startsWith('/export/gexf?seeds='))).toBe(true);
    expect(await page.locator('#examples li a').count()).toBe(readmeExamples(README).length);
    expect(await page.getAttribute('#examples li:nth-child(6) a', 'href')).toBe('/graphiql?example=5');
    // Every link the page gives answers.
    for (const href of hrefs.filter((h) => h && !h.startsWith('/graphql') && !h.startsWith('/metrics'))) {
      expect((await fetch(`${server.app.url}${href}`)).status, href!).toBe(200);
    }
    await page.screenshot({ path: 'test-artifacts/home-1400x900.png', fullPage: true });
    // axe-core finds nothing serious or critical.
    expect(await axeViolations(page)).toEqual([]);
    expect([...hosts]).toEqual(['127.0.0.1']);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('serves the GraphQL editor in a page where axe finds nothing serious or critical outside GraphiQL’s own components (1400×900)', async () => {
    const { page, errors } = await open('desktop');
    await page.goto(`${server.app.url}/graphiql`);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 20_000 });
    await page.waitForSelector('.examples-plugin li a');
    expect(await page.title()).toBe('GraphQL editor · pairing-graph');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The page round GraphiQL (its bar, landmarks, title, language) and the examples panel it adds.
    expect(await axeViolations(page, { exclude: [['.graphiql-container']] })).toEqual([]);
    expect(await axeViolations(page, { include: [['.examples-plugin']] })).toEqual([]);
    // GraphiQL's own components (graphiql 4.1) are left out, as nothing here can change them: axe
    // finds in them syntax colours and a logo of low contrast, editor text areas without a label,
    // a tab's close button nested in the tab, and editor scroll areas the keyboard cannot reach.
    expect(errors).toEqual([]);
  });

  for (const size of ['desktop', 'phone'] as const) {
    const { width, height } = SIZES[size];
    it(`runs a README example in GraphiQL offline and shows its answer (${width}×${height})`, async () => {
      const { page, hosts, errors, violations } = await open(size);
      const res = await page.goto(`${server.app.url}/graphiql`);
      expect(res!.headers()['content-security-policy']).toBe(GRAPHIQL_CSP);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 20_000 });
      const examples = readmeExamples(README);
      const search = examples.findIndex((e) => e.query.includes('search(query: "Liaoqing"'));
      expect(search).toBeGreaterThanOrEqual(0);

      if (size === 'desktop') {
        // The examples panel is open: a click opens one in a new tab.
        await page.click(`.examples-plugin li:nth-child(${search + 1}) a`);
        await expect.poll(() => queryText(page)).toBe(examples[search].query);
        expect(new URL(page.url()).searchParams.get('example')).toBe(String(search));
      } else {
        // A link straight to an example opens it.
        await page.goto(`${server.app.url}/graphiql?example=${search}`);
        await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 20_000 });
        await expect.poll(() => queryText(page)).toBe(examples[search].query);
      }
      await page.click('.graphiql-execute-button');
      await expect.poll(() => page.textContent('.result-window'), { timeout: 20_000 }).toContain('Liaoning Province');
      const answer = await server.gql(examples[search].query);
      expect(await page.textContent('.result-window')).toContain(`"matched": "${answer.body.data.search[0].matched}"`);

      await page.screenshot({ path: `test-artifacts/graphiql-${width}x${height}.png` });
      expect([...hosts]).toEqual(['127.0.0.1']);
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
