/** The benchmark's servers, `npm start` and the image run Node with the same flags. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ROOT } from '../../src/dataset/paths.js';
import { nodeFlagsOf, startFlags } from '../../bench/node-flags.js';

describe('Node flags', () => {
  it("are read from the start script, and the image's CMD has the same", () => {
    const flags = startFlags();
    expect(flags).toContain('--min-semi-space-size=32');
    expect(flags.every((f) => f.startsWith('--'))).toBe(true);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(`${ROOT}/Dockerfile`, 'utf8'));
    expect(cmd, 'the Dockerfile has an exec-form CMD').not.toBeNull();
    expect(nodeFlagsOf(JSON.parse(cmd![1]))).toEqual(flags);
  });

  it('are refused from a command that is not "node <flags> …", and end at the loader or the script', () => {
    expect(() => nodeFlagsOf(['tsx', 'src/cli/serve.ts'])).toThrow(/not a "node <flags> …" command: tsx src\/cli\/serve.ts/);
    expect(nodeFlagsOf(['node', '--expose-gc', '--import', 'tsx', 'src/cli/serve.ts'])).toEqual(['--expose-gc']);
    expect(nodeFlagsOf(['node', '--expose-gc', 'dist/cli/serve.js'])).toEqual(['--expose-gc']);
  });
});
