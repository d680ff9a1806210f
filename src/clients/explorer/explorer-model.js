// The explorer's plain rules, apart from the page: the view a URL holds, parallel edges merged
// into one line, yuan written out. Loaded before explorer.js; it only defines ExplorerModel.
'use strict';

globalThis.ExplorerModel = (() => {
  const RELATIONS = ['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT', 'TITLE', 'PART_OF', 'LOCATED_IN', 'SPONSOR'];
  const DEFAULT_RELATIONS = ['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT', 'PART_OF'];
  /** The API draws from at most this many seeds (SubgraphInput.seeds). */
  const MAX_SEEDS = 20;
  const LIMITS = [10, 25, 50, 100];
  /** How many steps out from the starting points are drawn (SubgraphInput.hops: 1 to 3). */
  const HOPS = [1, 2, 3];
  const YEARS = [2010, 2011, 2012];
  /** How nodes may be sized and coloured; the first of each is the default. */
  const SIZES = ['degree', 'yuan'];
  const COLOURS = ['type', 'community'];
  /** What a seed of each type is linked by, beyond the default relations: a project alone has only its sponsor and its place. */
  const NEEDED = { Project: ['SPONSOR', 'LOCATED_IN'], Enterprise: ['LOCATED_IN', 'SPONSOR'], Official: ['TITLE'] };

  function defaultView() {
    return {
      seeds: [],
      relations: [...DEFAULT_RELATIONS],
      year: null,
      from: null,
      to: null,
      limit: 25,
      hops: HOPS[0],
      layout: 1,
      size: SIZES[0],
      colour: COLOURS[0],
    };
  }

  const list = (text) =>
    (text ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);

  /** The view a query string names; anything unknown or out of range falls back to the default. */
  function parseView(search) {
    const q = new URLSearchParams(search);
    const view = defaultView();
    // `seed` is the older single-seed form of links.
    view.seeds = [...new Set(list(q.get('seeds') ?? q.get('seed')))].slice(0, MAX_SEEDS);
    if (q.has('relations')) view.relations = RELATIONS.filter((r) => list(q.get('relations')).includes(r));
    const year = Number(q.get('year'));
    if (YEARS.includes(year)) view.year = year;
    Object.assign(view, yearRange(Number(q.get('from')), Number(q.get('to'))));
    if (SIZES.includes(q.get('size'))) view.size = q.get('size');
    if (COLOURS.includes(q.get('colour'))) view.colour = q.get('colour');
    const limit = Number(q.get('limit'));
    if (LIMITS.includes(limit)) view.limit = limit;
    const hops = Number(q.get('hops'));
    if (HOPS.includes(hops)) view.hops = hops;
    const layout = Number(q.get('layout'));
    if (Number.isInteger(layout) && layout > 0 && layout < 1e6) view.layout = layout;
    return view;
  }

  /** A timeline's first and last years, each a dataset year or null (open), in order. */
  function yearRange(from, to) {
    const known = (y) => (YEARS.includes(y) ? y : null);
    const [a, b] = [known(from), known(to)];
    return a !== null && b !== null && a > b ? { from: b, to: a } : { from: a, to: b };
  }

  /** The query string of a view, defaults left out (so a plain link stays short). */
  function viewSearch(view) {
    const q = new URLSearchParams();
    if (view.seeds.length) q.set('seeds', view.seeds.join(','));
    if (view.relations.join() !== DEFAULT_RELATIONS.join()) q.set('relations', view.relations.join(','));
    if (view.year) q.set('year', String(view.year));
    if (view.from) q.set('from', String(view.from));
    if (view.to) q.set('to', String(view.to));
    if (view.size !== SIZES[0]) q.set('size', view.size);
    if (view.colour !== COLOURS[0]) q.set('colour', view.colour);
    if (view.limit !== 25) q.set('limit', String(view.limit));
    if (view.hops !== HOPS[0]) q.set('hops', String(view.hops));
    if (view.layout !== 1) q.set('layout', String(view.layout));
    const text = q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%40/g, '@');
    return text ? `?${text}` : '';
  }

  const sameView = (a, b) => viewSearch(a) === viewSearch(b);

  /** Views that differ at most in how nodes are sized and coloured: the same drawing, restyled. */
  const sameData = (a, b) => sameView({ ...a, size: b.size, colour: b.colour }, b);

  /** The years a timeline steps through: the view's range, else every year of the dataset. */
  function timelineYears(view) {
    const from = view.from ?? YEARS[0];
    const to = view.to ?? YEARS.at(-1);
    return YEARS.filter((y) => y >= from && y <= to);
  }

  /**
   * Whether a fact falls in a window of years (either end may be null, open): an event by its year,
   * a pairing if it was in force by the window's end (from its first year), an undated fact always
   * (structural ties, pairings whose start the text does not give). The API's `from`/`to` keep
   * events dated by year alone; this drops those outside too. A window growing year by year only
   * adds facts: what a timeline wants.
   */
  function factInWindow(fact, from, to) {
    const known = (y) => y !== null && y !== undefined;
    if (known(fact.year)) return (!known(from) || fact.year >= from) && (!known(to) || fact.year <= to);
    return !known(fact.fromYear) || !known(to) || fact.fromYear <= to;
  }

  /** The relations to draw a new seed of this type with: the chosen ones and those it needs. */
  function relationsFor(type, relations) {
    const wanted = new Set([...relations, ...(NEEDED[type] ?? [])]);
    return RELATIONS.filter((r) => wanted.has(r));
  }

  const mergeKey = (e) => `${e.type}|${e.source}|${e.target}`;
  const pairKey = (e) => `${e.source}|${e.target}`;

  /**
   * Edges of one relation between the same two nodes (same direction) as one line carrying the
   * count, the total yuan and the years; a key in `separate` keeps that group's edges apart.
   * `counted` gives, for a donor|recipient pair, the donations whose money counts (not a share of
   * a stated total, not a restatement): a line's total adds only those, so money counts once.
   */
  function mergeEdges(edges, separate = new Set(), counted = new Map()) {
    const groups = new Map();
    for (const e of edges) {
      const key = mergeKey(e);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    const lines = [];
    for (const [key, facts] of groups) {
      const countedIds = facts[0].type === 'DONATION' ? counted.get(pairKey(facts[0])) : undefined;
      if (facts.length > 1 && separate.has(key)) lines.push(...facts.map((e) => line(key, [e], true, countedIds)));
      else lines.push(line(key, facts, false, countedIds));
    }
    return lines;
  }

  function line(key, facts, separated, countedIds) {
    const first = facts[0];
    const years = facts.flatMap((e) => [e.year, e.fromYear, e.toYear]).filter((y) => typeof y === 'number');
    // A lone fact shows its own amount; several add up only what counts.
    const adding = countedIds && facts.length > 1 ? facts.filter((e) => countedIds.has(e.eventId)) : facts;
    const amounts = adding.map((e) => e.yuan).filter((y) => y !== null && y !== undefined);
    return {
      id: facts.length === 1 ? first.id : `merged:${key}`,
      key,
      source: first.source,
      target: first.target,
      type: first.type,
      count: facts.length,
      yuan: amounts.length ? sumYuan(amounts) : null,
      shared: adding.some((e) => e.shared),
      fromYear: years.length ? Math.min(...years) : null,
      toYear: years.length ? Math.max(...years) : null,
      separated,
      facts,
      countedIds,
    };
  }

  /** Whole yuan are decimal strings (they may pass 2^53): summed exactly. */
  function sumYuan(amounts) {
    return amounts.reduce((sum, y) => sum + BigInt(y), 0n).toString();
  }

  // One formatter for every amount: toLocaleString makes a new one at each call (30 ms a drawing).
  const NUMBER = new Intl.NumberFormat('en');

  function formatYuan(yuan) {
    return `${NUMBER.format(BigInt(yuan))} yuan`;
  }

  /** 286200000 → "286.2 million yuan": three significant figures, as the chapters write amounts. */
  function shortYuan(yuan) {
    const n = Number(yuan);
    const scaled = (value, word) => `${NUMBER.format(Number(value.toPrecision(3)))} ${word} yuan`;
    if (n >= 1e9) return scaled(n / 1e9, 'billion');
    if (n >= 1e6) return scaled(n / 1e6, 'million');
    return formatYuan(yuan);
  }

  function yearSpan(from, to) {
    if (from === null || from === undefined) return '';
    return from === to ? String(from) : `${from}–${to}`;
  }

  return {
    RELATIONS,
    DEFAULT_RELATIONS,
    MAX_SEEDS,
    LIMITS,
    HOPS,
    YEARS,
    SIZES,
    COLOURS,
    defaultView,
    yearRange,
    parseView,
    viewSearch,
    sameView,
    sameData,
    timelineYears,
    factInWindow,
    relationsFor,
    mergeEdges,
    sumYuan,
    formatYuan,
    shortYuan,
    yearSpan,
  };
})();
