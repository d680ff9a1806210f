/**
 * The Node flags `npm start` runs the server with, read from package.json's start script, so that
 * the benchmark's servers run as a deployed one does (the image's CMD is held to the same by a test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/dataset/paths.js';

/** The words between `node` and `--import` in a command line. */
export function nodeFlagsOf(command: string[]): string[] {
  const start = command.indexOf('node');
  const end = command.indexOf('--import');
  if (start < 0 || end < start) throw new Error(`not a "node <flags> --import …" command: ${command.join(' ')}`);
  return command.slice(start + 1, end);
}

export function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  return nodeFlagsOf(start.split(/\s+/));
}
