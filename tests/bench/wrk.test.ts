/** Reading wrk's report: rates, sub-millisecond percentiles and errors, in milliseconds. */
import { describe, expect, it } from 'vitest';
import { parseWrk, wrkMs } from '../../bench/wrk.js';

const REPORT = `Running 3s test @ http://127.0.0.1:40123/graphql
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.51us    1.02ms  21.33ms   96.12%
    Req/Sec    12.43k   612.18    13.20k    83.33%
  Latency Distribution
     50%  641.00us
     75%  758.00us
     90%    0.95ms
     99%    4.27ms
  37104 requests in 3.00s, 51.02MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:  12367.85
Transfer/sec:     17.01MB
`;

describe('wrk report', () => {
  it('gives req/s, p50 and p99 in milliseconds, and the errors', () => {
    expect(parseWrk(REPORT)).toEqual({ rps: 12368, p50: 0.64, p99: 4.27, requests: 37104, errors: 3, non2xx: 5 });
  });

  it('reads every unit wrk prints', () => {
    expect([wrkMs('250.00us'), wrkMs('1.50ms'), wrkMs('2.00s'), wrkMs('1.00m')]).toEqual([0.25, 1.5, 2000, 60_000]);
  });

  it('names what it could not read', () => {
    expect(() => wrkMs('fast')).toThrow(/"fast"/);
    expect(() => parseWrk('Running 3s test\n')).toThrow(/Requests/);
  });
});
