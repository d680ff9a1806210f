/**
 * docker-compose.yml as Compose resolves it (`docker-compose config`, no engine needed): the
 * password is required and reaches both services and Neo4j's healthcheck, ports stay on this
 * machine unless opted in, the seeds reload when stale, and the data is in named volumes.
 * Needs Debian's docker-compose on PATH (.ci/run installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Punctuation, a non-ASCII letter, a space, a slash and a `$` that must not be read as a variable.
const PASSWORD = `s3cret-Ä-$x/"q' ok`;
const COMPOSE = join(ROOT, 'docker-compose.yml');

if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status !== 0) {
  throw new Error("no docker-compose on PATH: install Debian's docker-compose (apt-get install docker-compose) to run the compose test");
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'compose-test-'));
  // An empty env file: a developer's own .env must not fill in what the test leaves unset.
  writeFileSync(join(tmp, 'empty.env'), '');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `docker-compose config` with only PATH and `env` in its environment. */
function config(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('docker-compose', ['--env-file', join(tmp, 'empty.env'), '-f', COMPOSE, 'config'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The resolved file, with `$$` turned back into the `$` the engine is given. */
function resolved(env: Record<string, string>): any {
  const run = config(env);
  expect(run.status, run.stderr).toBe(0);
  const unescape = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.replaceAll('$$', '$')
      : Array.isArray(v)
        ? v.map(unescape)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unescape(x)]))
          : v;
  return unescape(parse(run.stdout));
}

describe('docker-compose.yml', () => {
  it('refuses to resolve without NEO4J_PASSWORD, and says which variable is missing', () => {
    const run = config({});
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('NEO4J_PASSWORD');
    expect(readFileSync(COMPOSE, 'utf8')).not.toMatch(/NEO4J_PASSWORD:-/);
  });

  it('gives a custom password to Neo4j (NEO4J_AUTH) and to the API', () => {
    const { services } = resolved({ NEO4J_PASSWORD: PASSWORD });
    expect(services.neo4j.environment.NEO4J_AUTH).toBe(`neo4j/${PASSWORD}`);
    expect(services.api.environment.NEO4J_USER).toBe('neo4j');
    expect(services.api.environment.NEO4J_PASSWORD).toBe(PASSWORD);
    expect(services.api.depends_on.neo4j.condition).toBe('service_healthy');
  });

  it("runs Neo4j's healthcheck with the custom password, read from the container's own environment", () => {
    const { services } = resolved({ NEO4J_PASSWORD: PASSWORD });
    const [kind, command] = services.neo4j.healthcheck.test;
    expect(kind).toBe('CMD-SHELL');
    // A cypher-shell that only writes down its arguments, one a line.
    const bin = mkdtempSync(join(tmp, 'bin-'));
    const calls = join(bin, 'calls.txt');
    writeFileSync(join(bin, 'cypher-shell'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${calls}'\n`);
    chmodSync(join(bin, 'cypher-shell'), 0o755);
    const run = spawnSync('/bin/sh', ['-c', command], {
      env: { ...services.neo4j.environment, PATH: `${bin}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(calls, 'utf8')).toBe(['-u', 'neo4j', '-p', PASSWORD, 'RETURN 1', ''].join('\n'));
  });

  it('publishes the ports on 127.0.0.1 unless API_BIND / NEO4J_BIND open them', () => {
    const ports = (services: any) => Object.values(services).flatMap((s: any) => s.ports ?? []);
    const closed = ports(resolved({ NEO4J_PASSWORD: PASSWORD }).services);
    expect(closed).toEqual(expect.arrayContaining(['127.0.0.1:4000:4000/tcp', '127.0.0.1:7474:7474/tcp', '127.0.0.1:7687:7687/tcp']));
    for (const p of closed) expect(p).toMatch(/^127\.0\.0\.1:/);

    const open = resolved({ NEO4J_PASSWORD: PASSWORD, API_BIND: '0.0.0.0' }).services;
    expect(open.api.ports).toEqual(['0.0.0.0:4000:4000/tcp']);
    for (const p of open.neo4j.ports) expect(p).toMatch(/^127\.0\.0\.1:/);
  });

  it('reloads the seeds when they changed (LOAD_ON_START if-stale), unless told otherwise', () => {
    expect(resolved({ NEO4J_PASSWORD: PASSWORD }).services.api.environment.LOAD_ON_START).toBe('if-stale');
    expect(resolved({ NEO4J_PASSWORD: PASSWORD, LOAD_ON_START: 'never' }).services.api.environment.LOAD_ON_START).toBe('never');
  });

  it("keeps Neo4j's data and logs in named volumes", () => {
    const { services, volumes } = resolved({ NEO4J_PASSWORD: PASSWORD });
    const mounts = Object.fromEntries(services.neo4j.volumes.map((v: string) => [v.split(':')[1], v.split(':')[0]]));
    expect(mounts).toEqual({ '/data': 'neo4j-data', '/logs': 'neo4j-logs' });
    for (const name of Object.values(mounts)) expect(Object.keys(volumes)).toContain(name);
  });
});
