/**
 * The first-time scale curve as a small SVG line chart against graph size (both axes log): p99 per
 * query, first-time (solid) and repeat (dashed), with the targets' p99 bounds as grey lines.
 */
const COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b7791f', '#c53030', '#718096'];

interface Results {
  sizes: Array<{ nodes: number; queries: Array<{ name: string; firstTime: { p99: number }; repeat: { p99: number } }> }>;
}

export function scaleChart(results: Results, bounds: Array<{ ms: number; label: string }> = []): string {
  const W = 760,
    H = 440,
    L = 70,
    R = 230,
    T = 30,
    B = 50;
  const sizes = results.sizes.map((s) => s.nodes);
  const names = results.sizes[0]?.queries.map((q) => q.name) ?? [];
  const values = [...results.sizes.flatMap((s) => s.queries.flatMap((q) => [q.firstTime.p99, q.repeat.p99])), ...bounds.map((b) => b.ms)];
  const [minY, maxY] = [Math.max(0.01, Math.min(1, ...values)), Math.max(10, ...values) * 1.2];
  const lx = (n: number) =>
    sizes.length < 2
      ? (L + W - R) / 2
      : L + ((Math.log10(n) - Math.log10(sizes[0])) / (Math.log10(sizes.at(-1)!) - Math.log10(sizes[0]))) * (W - L - R);
  const ly = (v: number) =>
    T + (1 - (Math.log10(Math.max(minY, v)) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY))) * (H - T - B);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const ticks = [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000].filter((v) => v >= minY && v <= maxY);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${L}" y="18" font-size="14">p99 latency (ms, log) by graph size (nodes, log): first-time solid, repeat dashed</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
    ...sizes.map((n) => `<text x="${lx(n)}" y="${H - B + 18}" text-anchor="middle">${n.toLocaleString('en')}</text>`),
    ...ticks.map(
      (v) =>
        `<text x="${L - 6}" y="${ly(v) + 4}" text-anchor="end">${v}</text><line x1="${L}" y1="${ly(v)}" x2="${W - R}" y2="${ly(v)}" stroke="#eee"/>`,
    ),
    ...bounds.map(
      (b) =>
        `<line x1="${L}" y1="${ly(b.ms)}" x2="${W - R}" y2="${ly(b.ms)}" stroke="#999" stroke-dasharray="2,3"/><text x="${L + 4}" y="${ly(b.ms) - 4}" fill="#666">${esc(b.label)}</text>`,
    ),
  ];
  names.forEach((name, i) => {
    const color = COLORS[i % COLORS.length];
    for (const [pick, dash] of [
      [(q: Results['sizes'][0]['queries'][0]) => q.firstTime.p99, ''],
      [(q: Results['sizes'][0]['queries'][0]) => q.repeat.p99, ' stroke-dasharray="5,4"'],
    ] as const) {
      const pts = results.sizes.flatMap((s) => {
        const q = s.queries.find((x) => x.name === name);
        return q ? [[lx(s.nodes), ly(pick(q))]] : [];
      });
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts.map((p) => p.join(',')).join(' ')}"/>`);
      for (const [x, y] of pts) parts.push(`<circle cx="${x}" cy="${y}" r="3" fill="${color}"/>`);
    }
    parts.push(
      `<rect x="${W - R + 15}" y="${T + i * 20}" width="12" height="12" fill="${color}"/><text x="${W - R + 32}" y="${T + i * 20 + 10}">${esc(name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
