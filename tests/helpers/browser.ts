/**
 * Debian's Chromium for the browser tests (.ci/run installs it): where it is, whether it is there
 * (without it a browser test is skipped outside CI and fails in CI), and how it is started.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether Chromium is there; says what to install when not (and stops a CI run). */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) to run ${what}`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message}; skipped.`);
  return false;
}

/** Headless, offline-quiet: no background updates or sync that would leave the machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** axe-core's script, to inject into a page. */
export const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it stands (each rule, its impact and its
 * first three elements); `context` is axe's: the whole document, or e.g. `{ exclude: [['.x']] }`.
 */
export async function axeViolations(page: Page, context?: unknown): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  await page.evaluate(AXE);
  const result = await page.evaluate(
    (context) =>
      (window as any).axe
        .run(context ?? document, { resultTypes: ['violations'] })
        .then((r: any) =>
          r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3) })),
        ),
    context,
  );
  return (result as Array<{ id: string; impact: string; nodes: string[] }>).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
}

/** The three viewports the pages are checked at. */
export const SIZES = {
  desktop: { width: 1400, height: 900 },
  tablet: { width: 768, height: 1024 },
  phone: { width: 390, height: 844 },
};
