/** Where the dataset lives, resolved from this file so every entry point agrees. */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SEEDS = process.env.SEEDS_DIR ? resolve(process.env.SEEDS_DIR) : resolve(ROOT, 'seeds');
