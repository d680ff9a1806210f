/** Where the dataset lives, resolved from this file so every entry point agrees. */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { setting } from '../config/settings.js';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const seedsDir = setting('SEEDS_DIR');
export const SEEDS = seedsDir ? resolve(seedsDir) : resolve(ROOT, 'seeds');
