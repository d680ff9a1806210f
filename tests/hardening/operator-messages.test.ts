/**
 * What an operator reads when `npm run load` or `npm start` fails on the store: one line on stderr
 * (what, why, what to do), no stack trace, exit 1. The faults are real: the store file locked by
 * another process, a damaged file, a full disk (a small tmpfs, where this process may mount one)
 * during a load and when the server closes the store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../src/dataset/paths.js';
import { describeStoreFault } from '../../src/cli/operator-message.js';
import { describeUnexpected } from '../../src/cli/process-guard.js';
import { startApp } from '../../src/server/app.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { StoreFileDamagedError, StoreFileInUseError, StoreUnavailableError } from '../../src/store/session.js';
import { FaultySession } from '../helpers/faulty-session.js';

const inUse = (file: string) =>
  `the store file ${file} is in use by another process (a running server?): stop it, or set GRAFEO_PATH to another file`;
const damaged = (file: string, detail: string) =>
  `cannot read the store file ${file}: it is damaged or was written by another version of Grafeo (${detail}); delete it and ${file}.wal if there is one: \`npm start\` rebuilds it from the seeds`;
const DAMAGED = (file: string) =>
  new RegExp(
    `^${escape(`cannot read the store file ${file}: it is damaged or was written by another version of Grafeo (`)}.+${escape(`); delete it and ${file}.wal if there is one: \`npm start\` rebuilds it from the seeds`)}$`,
  );
const NO_SPACE_AT_CLOSE = (file: string) =>
  `could not close the store cleanly: no space left on device (ENOSPC) at ${file}; free space, then restart: the dataset is reloaded from the seeds if the file is incomplete`;
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Run {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/** A command as `npm run load` / `npm start` run it, on the store file given, as in production. */
function command(cli: 'load' | 'serve', env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${cli}.ts`], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', STORE: 'grafeo', PORT: '0', NODE_ENV: 'production', LOAD_ON_START: 'if-stale', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => out, stderr: () => err };
}

/** What stderr says besides progress (`load |███…| 8% …`, `read model: reading nodes…`), which long work prints there. */
function messages(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() && !/^\w+ \|.*\| \d+%/.test(l) && !/^read model: /.test(l));
}

/** Exits by itself, with one line on stderr and no stack trace. */
async function failsWithOneLine(run: Run): Promise<string> {
  const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r('still running after 60 s'), 60_000))]);
  if (code !== 1) run.child.kill('SIGKILL');
  expect(code).toBe(1);
  expect(run.stderr()).not.toMatch(/^\s+at /m);
  const lines = messages(run.stderr());
  expect(lines).toHaveLength(1);
  return lines[0];
}

async function storeFile(dir: string, name: string): Promise<string> {
  const file = join(dir, name);
  const session = new GrafeoSession(file);
  for (let i = 0; i < 500; i++) await session.run('CREATE (:Probe {i: $i, text: $text})', { i, text: `probe ${i} `.repeat(8) });
  await session.close();
  return file;
}

async function count(session: GrafeoSession): Promise<number> {
  return Number((await session.run('MATCH (n) RETURN count(n) AS n'))[0].n);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'operator-messages-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a store file held by another process', () => {
  it('is told apart from a store that is down, and named with what to do', async () => {
    const file = await storeFile(dir, 'held.grafeo');
    const holder = new GrafeoSession(file);
    try {
      let error: unknown;
      try {
        new GrafeoSession(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreFileInUseError);
      expect(error).not.toBeInstanceOf(StoreUnavailableError);
      expect(describeStoreFault(error, { action: 'load', store: file })).toBe(inUse(file));
      expect(await count(holder)).toBe(500);
    } finally {
      await holder.close();
    }
  });

  it('stops `npm run load` with one line and exit 1, and leaves the holder alone', async () => {
    const file = await storeFile(dir, 'held.grafeo');
    // This test's process is the other process: Grafeo's lock is per process and per file.
    const holder = new GrafeoSession(file);
    try {
      const line = await failsWithOneLine(command('load', { GRAFEO_PATH: file }));
      expect(line).toBe(inUse(file));
      expect(await count(holder)).toBe(500);
    } finally {
      await holder.close();
    }
  }, 90_000);

  it('stops `npm start` with one line and exit 1', async () => {
    const file = await storeFile(dir, 'held.grafeo');
    const holder = new GrafeoSession(file);
    try {
      expect(await failsWithOneLine(command('serve', { GRAFEO_PATH: file }))).toBe(inUse(file));
    } finally {
      await holder.close();
    }
  }, 90_000);
});

describe('a damaged store file', () => {
  it('says what Grafeo found and that deleting the file rebuilds it from the seeds', async () => {
    const garbage = join(dir, 'garbage.grafeo');
    writeFileSync(garbage, Buffer.from('not a store file\n'.repeat(300)));
    const truncated = await storeFile(dir, 'truncated.grafeo');
    truncateSync(truncated, 100);
    // A log left by another database next to where the file was (the file itself deleted).
    const stray = await storeFile(dir, 'origin.grafeo');
    const origin = new GrafeoSession(stray);
    await origin.run('CREATE (:Unsaved)');
    mkdirSync(join(dir, 'moved'));
    cpSync(`${stray}.wal`, join(dir, 'moved', 'lone.grafeo.wal'), { recursive: true });
    await origin.close();
    const lone = join(dir, 'moved', 'lone.grafeo');

    const cases: Array<[string, string]> = [
      [garbage, 'invalid file header magic, not a Grafeo database'],
      [truncated, 'damaged at byte 4096: both database headers are damaged'],
      [lone, `the sidecar WAL ${lone}.wal holds files of another database; move it away, or open it with the database it belongs to`],
    ];
    for (const [file, detail] of cases) {
      let error: unknown;
      try {
        new GrafeoSession(file);
      } catch (e) {
        error = e;
      }
      expect(error, file).toBeInstanceOf(StoreFileDamagedError);
      expect(describeStoreFault(error, { action: 'start', store: file })).toBe(damaged(file, detail));
    }
  });

  it('stops `npm run load` and `npm start` with one line and exit 1; deleting the file as told fixes it', async () => {
    const file = await storeFile(dir, 'damaged.grafeo');
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length / 2));

    expect(await failsWithOneLine(command('load', { GRAFEO_PATH: file }))).toMatch(DAMAGED(file));
    expect(await failsWithOneLine(command('serve', { GRAFEO_PATH: file }))).toMatch(DAMAGED(file));

    rmSync(file);
    rmSync(`${file}.wal`, { recursive: true, force: true });
    const load = command('load', { GRAFEO_PATH: file });
    expect(await load.exited).toBe(0);
    expect(load.stdout()).toContain(`loaded into grafeo (${file})`);
  }, 120_000);
});

/**
 * A small disk of its own (tmpfs), or undefined where mounting is not permitted (not root, or a
 * container without CAP_SYS_ADMIN): there the unit tests below stand in.
 */
function smallDisk(size: string): { path: string; unmount(): void } | undefined {
  const path = join(dir, 'disk');
  mkdirSync(path);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]).status !== 0) return undefined;
  // Lazily: a store this process closed keeps its file open until it is collected.
  return {
    path,
    unmount: () => {
      spawnSync('umount', ['-l', path]);
    },
  };
}

describe('a full disk', () => {
  it('fails a write transaction with the reason its commit failed', async (ctx) => {
    const disk = smallDisk('4m');
    if (!disk) return ctx.skip();
    const session = new GrafeoSession(join(disk.path, 'store.grafeo'));
    try {
      await session.writeTransaction((tx) => tx.run('CREATE (:Probe {i: 0})'));
      const fd = openSync(join(disk.path, 'filler'), 'w');
      for (const size of [1 << 20, 4096, 1]) {
        try {
          for (;;) writeSync(fd, Buffer.alloc(size));
        } catch {
          /* full */
        }
      }
      closeSync(fd);
      // Grafeo rolls back a commit it could not log, but the transaction still says it is active:
      // rolling it back again threw "No active transaction" in place of the full disk.
      const error = await session
        .writeTransaction((tx) => tx.run('CREATE (:Probe {i: 1, text: $text})', { text: 'x'.repeat(10_000) }))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as Error).message).toMatch(/GRAFEO-T009: .*No space left on device/);
      rmSync(join(disk.path, 'filler'));
      expect(await count(session)).toBe(1);
    } finally {
      await session.close().catch(() => undefined);
      disk.unmount();
    }
  });

  it('stops `npm run load` with one line and exit 1, not the error of the clean-up after it', async (ctx) => {
    // Small enough that the bulk load fails half-way, and the loader's clean-up then fails too.
    const disk = smallDisk('512k');
    if (!disk) return ctx.skip();
    try {
      const file = join(disk.path, 'store.grafeo');
      expect(await failsWithOneLine(command('load', { GRAFEO_PATH: file }))).toBe(
        `load failed, the store was not changed: no space left on device (ENOSPC) at ${file}; free space, then run it again`,
      );
    } finally {
      disk.unmount();
    }
  }, 90_000);

  // Closing checkpoints the store: it writes a marker to its log (<file>.wal/), the graph into the
  // file, then removes the log. On a full disk the first write fails with ENOSPC.
  it('at SIGTERM: the server says so in one line, exits 1, and the store opens again once there is space', async (ctx) => {
    const disk = smallDisk('16m');
    if (!disk) return ctx.skip();
    const file = join(disk.path, 'store.grafeo');
    const server = command('serve', { GRAFEO_PATH: file, LOAD_ON_START: 'always' });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server did not start: ${server.stderr()}`)), 90_000);
        server.child.stdout.on('data', () => {
          if (server.stdout().includes('GraphQL API:')) {
            clearTimeout(timer);
            resolve();
          }
        });
        void server.exited.then(() => reject(new Error(`the server exited: ${server.stderr()}`)));
      });

      const filler = join(disk.path, 'filler');
      const fd = openSync(filler, 'w');
      for (const size of [1 << 20, 4096, 1]) {
        const chunk = Buffer.alloc(size);
        try {
          for (;;) writeSync(fd, chunk);
        } catch (e) {
          expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
        }
      }
      closeSync(fd);

      server.child.kill('SIGTERM');
      expect(await failsWithOneLine(server)).toBe(NO_SPACE_AT_CLOSE(file));
      expect(server.stdout()).toContain('SIGTERM: finishing requests and closing the store');

      // Free space, then restart: what was committed is still there (replayed from the log).
      rmSync(filler);
      const reopened = new GrafeoSession(file);
      try {
        expect(await count(reopened)).toBeGreaterThan(1000);
      } finally {
        await reopened.close();
      }
      expect(existsSync(`${file}.wal`)).toBe(false);
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await server.exited;
      disk.unmount();
    }
  }, 150_000);

  it('names a full disk however the store reports it, at close, load and start', () => {
    const file = '/srv/pairing-graph.grafeo';
    // As Grafeo reported it on the tmpfs above (closing; committing), and as Node reports it.
    const grafeo = new Error(
      `Database error: GRAFEO-X003: I/O error: WAL ${file}.wal/wal_00000000000001394866.log: No space left on device (os error 28)`,
    );
    const node = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    const wrapped = new StoreUnavailableError(`the embedded store failed: ${grafeo.message}`, grafeo);
    for (const error of [grafeo, node, wrapped]) {
      expect(describeStoreFault(error, { action: 'close', store: file })).toBe(NO_SPACE_AT_CLOSE(file));
    }
    const commit = new Error(
      `Transaction error: GRAFEO-T009: the commit could not be written to the write-ahead log and was rolled back, so nothing of it remains and it can be retried: I/O error on the WAL at ${file}.wal/wal_00000000000000000000.log: No space left on device (os error 28)`,
    );
    for (const error of [wrapped, commit]) {
      expect(describeStoreFault(error, { action: 'load', store: file })).toBe(
        `load failed, the store was not changed: no space left on device (ENOSPC) at ${file}; free space, then run it again`,
      );
    }
    expect(describeStoreFault(wrapped, { action: 'start', store: file })).toBe(
      `could not start: no space left on device (ENOSPC) at ${file}; free space, then start again`,
    );
    // Any other failure to close still gets one line, with what to do.
    expect(
      describeStoreFault(new Error('Database error: GRAFEO-X003: I/O error: Input/output error (os error 5)'), {
        action: 'close',
        store: file,
      }),
    ).toBe(
      'could not close the store cleanly: Database error: GRAFEO-X003: I/O error: Input/output error (os error 5); restart: the dataset is reloaded from the seeds if the file is incomplete',
    );
  });

  it('reaches the stop handler from a session whose close fails', async () => {
    // The server's close() passes the store's failure on, for serve.ts to describe.
    const session = new (class extends FaultySession {
      override async close(): Promise<void> {
        await super.close();
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
    })();
    const app = await startApp({ session, load: 'never' });
    const error = await app.close().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeStoreFault(error, { action: 'close', store: 'data/x.grafeo' })).toBe(NO_SPACE_AT_CLOSE('data/x.grafeo'));
  });
});

describe('an unexpected failure', () => {
  /** A process that installs the guard serve.ts and load.ts install, then fails as given. */
  function failing(code: string, env: Record<string, string> = {}): Run {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { guardProcess } from './src/cli/process-guard.ts'; guardProcess('the probe'); ${code}`,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    return { child, exited: new Promise((resolve) => child.on('exit', (c) => resolve(c))), stdout: () => out, stderr: () => err };
  }
  const UNEXPECTED =
    'the probe stopped on an unexpected failure: boom; this is a bug: report it with the stack that NODE_ENV=development prints';

  it('is one line and exit 1, not hidden and not a dump, for a throw and for a rejection', async () => {
    expect(await failsWithOneLine(failing(`setTimeout(() => { throw new Error('boom'); });`))).toBe(UNEXPECTED);
    expect(await failsWithOneLine(failing(`Promise.reject(new Error('boom'));`))).toBe(UNEXPECTED);
  }, 60_000);

  it('comes with its stack with NODE_ENV=development', async () => {
    const run = failing(`setTimeout(() => { throw new Error('boom'); });`, { NODE_ENV: 'development' });
    expect(await run.exited).toBe(1);
    expect(run.stderr().split('\n')[0]).toBe(UNEXPECTED);
    expect(run.stderr()).toMatch(/^Error: boom\n\s+at /m);
  }, 60_000);

  it('tells a port in use apart from a bug', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4000'), {
      code: 'EADDRINUSE',
      syscall: 'listen',
      address: '127.0.0.1',
      port: 4000,
    });
    expect(describeUnexpected(error, 'the server')).toBe(
      'port 4000 on 127.0.0.1 is in use by another process (another server?): stop it, or set PORT to another port',
    );
    expect(describeUnexpected(new Error('boom'), 'the server')).toMatch(
      /^the server stopped on an unexpected failure: boom; this is a bug/,
    );
  });
});
