/**
 * The production image, without an engine: the Dockerfile read instruction by instruction, and the
 * compiled server (`npm run build`) started the way the image's CMD starts it, from a directory
 * laid out by the runtime stage's COPYs with production dependencies only and tsx refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Instruction {
  cmd: string;
  args: string;
}
interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/** Dockerfile instructions: comments and blank lines skipped, `\` continuations joined. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    const [, cmd, args] = /^(\S+)\s*(.*)$/s.exec(current + line)!;
    out.push({ cmd: cmd.toUpperCase(), args });
    current = '';
  }
  return out;
}

function stages(text: string): Stage[] {
  const out: Stage[] = [];
  for (const i of instructions(text)) {
    if (i.cmd === 'FROM') {
      const [image, as, name] = i.args.split(/\s+/);
      out.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else out.at(-1)!.instructions.push(i);
  }
  return out;
}

const args = (stage: Stage, cmd: string) => stage.instructions.filter((i) => i.cmd === cmd).map((i) => i.args);

/** The exec (JSON) form of CMD / HEALTHCHECK CMD. */
const execForm = (text: string): string[] => JSON.parse(text);

interface Copy {
  from?: string;
  sources: string[];
  /** Relative to the stage's WORKDIR. */
  dest: string;
}

function copies(stage: Stage): Copy[] {
  const workdir = args(stage, 'WORKDIR').at(-1) ?? '/';
  return args(stage, 'COPY').map((a) => {
    const words = a.split(/\s+/);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    return { from, sources: paths.slice(0, -1), dest: posix.relative(workdir, posix.resolve(workdir, paths.at(-1)!)) };
  });
}

/** Whether .dockerignore keeps `path` (or a folder holding it) out of the build context. */
function ignored(path: string): boolean {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map(
      (p) =>
        new RegExp(
          `^${p
            .replace(/\/$/, '')
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replaceAll('*', '[^/]*')}$`,
        ),
    );
  const parts = path.split('/');
  return parts.some((_, n) => patterns.some((re) => re.test(parts.slice(0, n + 1).join('/'))));
}

/** npm start's Node flags (package.json), without tsx. */
function startFlags(): string[] {
  const script: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const words = script.split(/\s+/).slice(1, -1);
  return words.filter((w, n) => w !== 'tsx' && !(w === '--import' && words[n + 1] === 'tsx'));
}

const dockerfile = stages(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = dockerfile.at(-1)!;
const build = dockerfile.find((s) => s.name && copies(runtime).some((c) => c.from === s.name))!;
const outDir: string = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')).compilerOptions.outDir;

describe('Dockerfile', () => {
  it('runs on Node 24 as a non-root user, with NODE_ENV=production', () => {
    for (const stage of dockerfile) expect(stage.image).toMatch(/^node:24-/);
    const user = args(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
    expect(args(runtime, 'ENV').join(' ')).toMatch(/(^|\s)NODE_ENV=production(\s|$)/);
  });

  it("compiles in a build stage and keeps only production dependencies and the compiler's output", () => {
    expect(build).toBeDefined();
    expect(args(build, 'RUN')).toContain('npm run build');
    expect(args(runtime, 'RUN').some((r) => /^npm install .*--omit=dev/.test(r))).toBe(true);
    const fromBuild = copies(runtime).filter((c) => c.from === build.name);
    expect(fromBuild.flatMap((c) => c.sources)).toEqual([`/app/${outDir}`]);
    expect(args(build, 'WORKDIR').at(-1)).toBe('/app');
  });

  it('copies only paths that exist and are in the build context', () => {
    for (const stage of dockerfile) {
      for (const { from, sources } of copies(stage)) {
        if (from) continue;
        for (const source of sources) {
          expect(existsSync(join(ROOT, source)), source).toBe(true);
          expect(ignored(source), `${source} is in .dockerignore`).toBe(false);
        }
      }
    }
    // What the build stage compiles is in its context too.
    expect(copies(build).flatMap((c) => c.sources)).toEqual(expect.arrayContaining(['tsconfig.json', 'tsconfig.build.json', 'src']));
  });

  it("checks /ready, and starts the compiled server with npm start's Node flags and no tsx", () => {
    const health = args(runtime, 'HEALTHCHECK').at(-1)!;
    expect(health).toContain('/ready');
    const cmd = execForm(args(runtime, 'CMD').at(-1)!);
    expect(cmd).toEqual(['node', ...startFlags(), 'dist/cli/serve.js']);
    expect(cmd.join(' ')).not.toContain('tsx');
  });
});

describe('the compiled server, laid out as the image', () => {
  let tmp: string;
  let app: string;
  let server: ChildProcess;
  let exited: Promise<number | null>;
  let url: string;
  let out = '';
  let err = '';

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe' });
    tmp = mkdtempSync(join(tmpdir(), 'image-test-'));
    app = join(tmp, 'app');
    mkdirSync(app);
    // The runtime stage's COPYs: from the build stage (the compiler's output here) or the context.
    for (const { from, sources, dest } of copies(runtime)) {
      for (const source of sources) {
        const path = from ? join(ROOT, posix.relative('/app', source)) : join(ROOT, source);
        const target = sources.length > 1 || dest.endsWith('/') ? join(app, dest, posix.basename(source)) : join(app, dest);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(path, target, { recursive: true });
      }
    }
    // `npm install --omit=dev`: the installed production packages only (a package's own
    // dependencies are resolved from where it really lives).
    const production = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((p) => relative(ROOT, p))
      .filter((p) => /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(p));
    expect(production).toContain('node_modules/graphql');
    expect(production).not.toContain('node_modules/tsx');
    for (const p of production) {
      mkdirSync(dirname(join(app, p)), { recursive: true });
      symlinkSync(join(ROOT, p), join(app, p));
    }
    // No thread can load tsx: the layout has none, and the main thread's hook says who asked for it.
    expect(() => createRequire(join(app, 'dist/cli/serve.js')).resolve('tsx')).toThrow();
    writeFileSync(
      join(tmp, 'no-tsx-hooks.mjs'),
      `export async function resolve(specifier, context, next) {
  if (/^tsx(\\/|$)/.test(specifier)) throw new Error('tsx imported at run time: ' + specifier + ' from ' + context.parentURL);
  return next(specifier, context);
}
`,
    );
    writeFileSync(join(tmp, 'no-tsx.mjs'), `import { register } from 'node:module';\nregister('./no-tsx-hooks.mjs', import.meta.url);\n`);

    const [node, ...cmd] = execForm(args(runtime, 'CMD').at(-1)!);
    expect(node).toBe('node');
    const imageEnv = Object.fromEntries(
      args(runtime, 'ENV')
        .flatMap((a) => a.split(/\s+/))
        .map((kv) => kv.split('=') as [string, string]),
    );
    server = spawn(process.execPath, [...cmd.slice(0, -1), '--import', pathToFileURL(join(tmp, 'no-tsx.mjs')).href, cmd.at(-1)!], {
      cwd: app,
      env: {
        PATH: process.env.PATH,
        ...imageEnv,
        HOST: '127.0.0.1',
        PORT: '0',
        GRAFEO_PATH: ':memory:',
        LOAD_ON_START: 'always',
        LOG_LEVEL: 'info',
        WORK_THREADS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (out += d));
    server.stderr!.on('data', (d) => (err += d));
    exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 120 s: ${out} ${err}`)), 120_000);
      server.stdout!.on('data', () => {
        const m = /GraphQL API: (\S+)\/graphql/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
    });
    for (const start = Date.now(); (await fetch(`${url}/ready`)).status !== 200;) {
      if (Date.now() - start > 120_000) throw new Error(`not ready after 120 s: ${err}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 300_000);

  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const gql = async (query: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    return body.data;
  };

  it("is ready, and the image's healthcheck says so", () => {
    const health = args(runtime, 'HEALTHCHECK').at(-1)!;
    const [node, ...check] = execForm(health.slice(health.indexOf('CMD') + 'CMD'.length).trim());
    expect(node).toBe('node');
    const run = spawnSync(process.execPath, check, { env: { PATH: process.env.PATH, PORT: new URL(url).port }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  });

  it('searches on the compiled search thread', async () => {
    const { search } = await gql('{ search(query: "Qingchuan", first: 3) { score node { ... on Place { id name } } } }');
    expect(search[0].node).toEqual({ id: 'gb:510822@201210', name: expect.stringContaining('Qingchuan') });
  });

  it('exports on the compiled work pool', async () => {
    const { subgraph } = await gql(
      '{ subgraph(input: { seeds: ["gb:510822@201210"], hops: 1, relations: [PAIRING, PART_OF], layoutSeed: 1 }) { nodes { id } gexf: export(format: GEXF) graphml: export(format: GRAPHML) } }',
    );
    expect(subgraph.nodes.length).toBeGreaterThan(1);
    expect(subgraph.gexf).toMatch(/^<\?xml[\s\S]*<gexf[\s\S]*gb:510822@201210/);
    expect(subgraph.graphml).toMatch(/^<\?xml[\s\S]*<graphml[\s\S]*gb:510822@201210/);
  });

  it("serves the explorer's files", async () => {
    for (const path of ['/explore', '/explore/explorer.js', '/explore/explorer.css', '/explore/vendor/cytoscape.min.js']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect((await res.text()).length, path).toBeGreaterThan(0);
    }
  });

  it('exits 0 on SIGTERM, without having loaded tsx', async () => {
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).not.toContain('tsx');
  });
});
