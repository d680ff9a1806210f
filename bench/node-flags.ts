/**
 * The Node flags `npm start` runs the server with, read from package.json's start script, so that
 * the benchmark's servers run as a deployed one does (the image's CMD is held to the same by a test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/dataset/paths.js';

/**
 * The flags after `node` in a command line, up to a loader (`--import tsx` from a checkout) or the
 * script (the image runs compiled JavaScript, with no loader).
 */
export function nodeFlagsOf(command: string[]): string[] {
  const start = command.indexOf('node');
  if (start < 0) throw new Error(`not a "node <flags> …" command: ${command.join(' ')}`);
  const rest = command.slice(start + 1);
  const end = rest.findIndex((w) => w === '--import' || !w.startsWith('--'));
  return end < 0 ? rest : rest.slice(0, end);
}

export function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  return nodeFlagsOf(start.split(/\s+/));
}
