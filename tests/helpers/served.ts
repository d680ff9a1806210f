/**
 * The server as `npm start` runs it: `src/cli/serve.ts` with npm start's Node flags, in a process
 * of its own, on a fresh in-memory store (not NODE_ENV=test). For findings about the process
 * itself: crashes, memory, signals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from '../../src/dataset/paths.js';

/** npm start's Node flags, read from package.json so the tests run what users run. */
function startFlags(): string[] {
  const script: string = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).scripts.start;
  return script.split(/\s+/).slice(1, -1);
}

export interface Served {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
  stdout(): string;
  /** Resident memory of the server process, in MB. */
  rssMb(): number;
  gql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; headers: Headers; body: any; ms: number }>;
  stop(): Promise<void>;
}

export async function serve(env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [...startFlags(), ...nodeFlags, 'src/cli/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', GRAFEO_PATH: ':memory:', LOAD_ON_START: 'always', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /GraphQL API: (\S+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
  });
  return {
    url,
    child,
    exited,
    stderr: () => err,
    stdout: () => out,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    async gql(query, variables) {
      const t0 = performance.now();
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: JSON.parse(text), ms: performance.now() - t0 };
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
