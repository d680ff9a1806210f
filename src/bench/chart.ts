/** The scale curve as a small SVG line chart: p99 per query against graph size (log scale). */
const COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b7791f', '#c53030', '#718096'];

export function scaleChart(results: { sizes: Array<{ nodes: number; queries: Array<{ name: string; api: { p99: number; requests?: number } }> }> }): string {
  const W = 720, H = 420, L = 70, R = 200, T = 30, B = 50;
  const sizes = results.sizes.map((s) => s.nodes);
  const names = results.sizes[0]?.queries.map((q) => q.name) ?? [];
  const all = results.sizes.flatMap((s) => s.queries.map((q) => Math.max(1, q.api.p99)));
  const maxY = Math.max(10, ...all);
  const lx = (n: number) => L + ((Math.log10(n) - Math.log10(sizes[0])) / Math.max(1e-9, Math.log10(sizes.at(-1)!) - Math.log10(sizes[0]))) * (W - L - R);
  const ly = (v: number) => T + (1 - Math.log10(Math.max(1, v)) / Math.log10(maxY * 1.2)) * (H - T - B);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${L}" y="18" font-size="14">p99 latency (ms, log) by graph size (nodes, log)</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
    ...sizes.map((n) => `<text x="${lx(n)}" y="${H - B + 18}" text-anchor="middle">${n.toLocaleString('en')}</text>`),
    ...[1, 10, 100, 1000, 10000].filter((v) => v <= maxY * 1.2).map((v) => `<text x="${L - 6}" y="${ly(v) + 4}" text-anchor="end">${v}</text><line x1="${L}" y1="${ly(v)}" x2="${W - R}" y2="${ly(v)}" stroke="#eee"/>`),
  ];
  names.forEach((name, i) => {
    // A size where no request was answered within the timeout is left off the line.
    const pts = results.sizes
      .map((s) => ({ n: s.nodes, api: s.queries.find((q) => q.name === name)!.api }))
      .filter((p) => p.api.requests !== 0)
      .map((p) => [lx(p.n), ly(p.api.p99)]);
    parts.push(`<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" points="${pts.map((p) => p.join(',')).join(' ')}"/>`);
    for (const [x, y] of pts) parts.push(`<circle cx="${x}" cy="${y}" r="3" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<rect x="${W - R + 15}" y="${T + i * 20}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${W - R + 32}" y="${T + i * 20 + 10}">${esc(name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
