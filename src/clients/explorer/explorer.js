// The explorer page: search, draw a neighbourhood, read a node's money and a line's quotes, expand,
// filter, size and colour the nodes, play the years, undo, share the view as a link, download the
// drawing or its data. It uses only the public
// GraphQL API (and the /export downloads). The rules that need no page are in explorer-model.js.
/* global ExplorerModel */
'use strict';

const M = ExplorerModel;

/** Colour and shape of each node type, as drawn and as the legend shows them. */
const NODE_TYPES = {
  Place: { color: '#2b6cb0', shape: 'ellipse', name: 'Place' },
  Official: { color: '#c05621', shape: 'round-triangle', name: 'Official' },
  Organisation: { color: '#2f855a', shape: 'round-rectangle', name: 'Organisation' },
  Enterprise: { color: '#6b46c1', shape: 'round-diamond', name: 'Enterprise' },
  Project: { color: '#b7791f', shape: 'round-hexagon', name: 'Project' },
};

/** Community colours, by community number (they repeat after the twelfth); distinct in hue and lightness. */
const COMMUNITY_COLOURS = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
  '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#ad494a',
]; // prettier-ignore
/** The neutral colour of the legend's shapes when colour stands for community. */
const SHAPE_ONLY = '#a0aec0';
/** Node sizes on a square-root scale: degree adds DEGREE_STEP × √degree; yuan spans MIN to MAX_YUAN. */
const NODE_SIZE = { min: 6, degreeStep: 3, maxYuan: 46 };
/** How long a timeline shows each year. */
const YEAR_MS = 1500;

/** Each relation's line, its names, and what its two ends are. */
const RELATION_STYLE = {
  PAIRING: { color: '#c53030', line: 'solid', name: 'Pairing', plural: 'pairing records', ends: ['Supporter', 'Supported'] },
  DONATION: { color: '#2f855a', line: 'solid', name: 'Donation', plural: 'donations', ends: ['Donor', 'Recipient'] },
  VISIT: { color: '#dd6b20', line: 'solid', name: 'Visit', plural: 'visits', ends: ['Visitor', 'Visited'] },
  MEETING: { color: '#805ad5', line: 'solid', name: 'Meeting', plural: 'meetings', ends: ['Guest', 'Host'] },
  AGREEMENT: { color: '#2d3748', line: 'solid', name: 'Agreement', plural: 'agreements', ends: ['From', 'To'] },
  TITLE: { color: '#d53f8c', line: 'dashed', name: 'Post held', plural: 'posts', ends: ['Official', 'Post at'] },
  PART_OF: { color: '#718096', line: 'dashed', name: 'Part of', plural: 'links', ends: ['Part', 'Within'] },
  LOCATED_IN: { color: '#8a9bb0', line: 'dotted', name: 'Located in', plural: 'links', ends: ['Located', 'In'] },
  SPONSOR: { color: '#b7791f', line: 'dotted', name: 'Sponsor', plural: 'sponsorships', ends: ['Sponsor', 'Project'] },
};

/**
 * Labels stay legible: ordinary labels are 12 px on screen from zoom 0.75 up, shrink below it and
 * disappear under 9 px; the starting points, the busiest nodes and the selection's neighbours
 * keep 13 px at every zoom. Line labels show from zoom 0.8 (8 px).
 */
const LABELS = { plainPx: 12, leadPx: 13, plainZoom: 0.75, minPx: 9, edgePx: 10, edgeZoom: 1, edgeMinPx: 8, leadCount: 12 };
/** Drawn length of a typical edge at zoom 1 (the API's coordinates are scaled to it). */
const TYPICAL_EDGE = 110;

const SUBGRAPH = `query Drawing($input: SubgraphInput!) {
  subgraph(input: $input) {
    truncated omittedEdges omittedNodes
    nodes { id type label kind level code x y size community degree yuanReceived yuanGiven }
    edges {
      id source target type label eventId yuan shared year dateStart dateEnd fromYear toYear level status
      provenance { quote start end document { id year title } }
    }
  }
}`;

const SEARCH = `query Search($q: String!) {
  search(query: $q, first: 10) {
    node {
      __typename
      ... on Place { id name }
      ... on Official { id name }
      ... on Organisation { id name }
      ... on Enterprise { id name }
      ... on Project { id name }
    }
  }
}`;

const state = {
  view: M.defaultView(),
  /** The last view drawn without error: what a failed change falls back to. */
  drawn: null,
  /** Earlier views, for Undo. */
  past: [],
  cy: null,
  nodes: new Map(),
  lines: new Map(),
  /** Merge keys of line groups drawn as separate edges. */
  separate: new Set(),
  /** For donor|recipient pairs drawn with several donations: the ids whose money counts. */
  counted: new Map(),
  selected: null,
  names: new Map(),
  ticket: 0,
  labelZoom: 1,
  /** The year a timeline shows (null: every year drawn), and its timer while it plays. */
  timeline: { year: null, timer: 0 },
};

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text: nothing is parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...present(children));
  return node;
}

/** Children to insert: nested lists flattened, the absent ones (null, undefined, false) left out. */
const present = (children) => children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false);

/** Replaces an element's children (replaceChildren alone would write "null" for an absent one). */
function fill(parent, ...children) {
  parent.replaceChildren(...present(children));
}

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function gql(query, variables) {
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('network', 'NETWORK', 0);
  }
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(body.errors.map((e) => e.message).join('; '), first.extensions?.code ?? 'ERROR', res.status);
  }
  if (!res.ok || !body.data) throw new ApiError(`HTTP ${res.status}`, 'HTTP', res.status);
  return body.data;
}

/** What went wrong, in words for the reader; the server's own message goes under "Details". */
function explain(error) {
  const code = error instanceof ApiError ? error.code : 'ERROR';
  const words = {
    NETWORK: 'The server could not be reached. Check the connection, then try again.',
    SERVER_BUSY: 'The server is busy. Try again in a few seconds.',
    QUERY_TOO_COSTLY: 'This view is too large to draw at once. Lower “Connections per node”, choose a year, or remove a starting point.',
    NOT_FOUND: 'One of the starting points names nothing in the graph (the link may be out of date).',
    BAD_USER_INPUT: 'The server cannot draw this view as asked.',
    STORE_UNAVAILABLE: 'The graph store is not answering at the moment. Try again shortly.',
    STORE_TIMEOUT: 'The graph store took too long to answer. Try again, or draw a smaller view.',
  };
  return { text: words[code] ?? 'Something went wrong while asking the server.', detail: code === 'NETWORK' ? '' : error.message };
}

// ---------------------------------------------------------------- views: change, undo, URL

function changeView(next, options = {}) {
  if (M.sameView(next, state.view)) return Promise.resolve();
  state.past.push(state.view);
  if (state.past.length > 50) state.past.shift();
  return showView(next, { ...options, recorded: true });
}

async function showView(view, options = {}) {
  state.view = view;
  syncControls();
  writeUrl();
  clearError();
  if (state.drawn && view.seeds.length && state.nodes.size && M.sameData(view, state.drawn)) {
    // Only the size or colour changed: the drawing is restyled, not asked for again.
    state.ticket++;
    setBusy(false);
    applyLook();
    state.drawn = view;
    return;
  }
  if (!view.seeds.length) {
    state.ticket++;
    setBusy(false);
    clearDrawing();
    state.drawn = view;
    return;
  }
  const ticket = ++state.ticket;
  setBusy(true);
  try {
    let subgraph = await fetchSubgraph(view);
    let shown = view;
    if (options.widen && !subgraph.edges.length && view.relations.length < M.RELATIONS.length) {
      // A new search result linked by nothing drawn: show what does link it rather than a lone node.
      const wider = { ...view, relations: [...M.RELATIONS] };
      const again = await fetchSubgraph(wider);
      if (again.edges.length) [subgraph, shown] = [again, wider];
    }
    const counted = await countedDonations(subgraph.edges, shown);
    if (ticket !== state.ticket) return;
    state.view = shown;
    state.counted = counted;
    render(subgraph, shown !== view);
    state.drawn = state.view;
    syncControls();
    writeUrl();
  } catch (error) {
    if (ticket === state.ticket) fallBack(error, options.recorded);
  } finally {
    if (ticket === state.ticket) setBusy(false);
  }
}

/** A change that could not be drawn is dropped: the page keeps (and links to) what it shows. */
function fallBack(error, recorded) {
  const before = state.drawn ?? M.defaultView();
  if (recorded) state.past.pop();
  state.view = before;
  syncControls();
  writeUrl();
  const { text, detail } = explain(error);
  showError(state.drawn?.seeds.length ? `${text} The drawing was left as it was.` : text, detail);
}

function undo() {
  const previous = state.past.pop();
  if (previous) showView(previous);
}

function startAgain() {
  state.separate.clear();
  changeView(M.defaultView());
}

function writeUrl() {
  history.replaceState(null, '', `${location.pathname}${M.viewSearch(state.view)}`);
}

/** Donor–recipient pairs asked about at once: each is a priced list (about 200) in one request. */
const COUNTED_PAIRS = 40;

/**
 * Which of the donations drawn between the same donor and recipient count: the API lists a pair's
 * donations without shares of stated totals and restatements, so a merged line adds money once.
 * A failure here leaves the lines to add what each fact states (the panel says so).
 */
async function countedDonations(edges, view) {
  const perPair = new Map();
  for (const e of edges)
    if (e.type === 'DONATION') perPair.set(`${e.source}|${e.target}`, (perPair.get(`${e.source}|${e.target}`) ?? 0) + 1);
  const pairs = [...perPair].filter(([, n]) => n > 1).map(([pair]) => pair.split('|'));
  if (!pairs.length) return new Map();
  const asked = pairs.slice(0, COUNTED_PAIRS);
  const params = asked.map((_, i) => `$d${i}: ID!, $r${i}: ID!`).join(', ');
  const fields = asked.map(
    (_, i) => `p${i}: donations(filter: { donor: $d${i}, recipient: $r${i}, year: $year }, first: 100) { nodes { id } }`,
  );
  const variables = Object.fromEntries(
    asked.flatMap(([d, r], i) => [
      [`d${i}`, d],
      [`r${i}`, r],
    ]),
  );
  try {
    const data = await gql(`query Counted($year: Int, ${params}) {\n${fields.join('\n')}\n}`, { ...variables, year: view.year });
    return new Map(asked.map(([d, r], i) => [`${d}|${r}`, new Set(data[`p${i}`].nodes.map((n) => n.id))]));
  } catch {
    return new Map();
  }
}

function fetchSubgraph(view) {
  return gql(SUBGRAPH, {
    input: {
      seeds: view.seeds,
      hops: 1,
      relations: view.relations,
      year: view.year,
      from: view.from ? String(view.from) : null,
      to: view.to ? String(view.to) : null,
      perNodeLimit: view.limit,
      layoutSeed: view.layout,
    },
  }).then((data) => data.subgraph);
}

// ---------------------------------------------------------------- drawing

function render(subgraph, widened) {
  const { cy } = state;
  const lines = M.mergeEdges(subgraph.edges, state.separate, state.counted);
  state.nodes = new Map(subgraph.nodes.map((n) => [n.id, n]));
  state.lines = new Map(lines.map((l) => [l.id, l]));
  for (const n of subgraph.nodes) state.names.set(n.id, n.label);
  const scale = layoutScale(subgraph);
  const lead = leadIds(subgraph.nodes);
  const most = largestYuan(subgraph.nodes);
  const nodes = subgraph.nodes.map((n) => nodeElement(n, scale, lead, most));
  // Labels are styled once, for the zoom the drawing will open at.
  const viewport = fitViewport(nodes.map((n) => n.position));
  state.labelZoom = viewport.zoom;
  cy.batch(() => {
    cy.elements().remove();
    cy.add(nodes);
    cy.add(lines.map(lineElement));
  });
  cy.viewport(viewport);
  stopTimeline();
  restoreSelection();
  $('empty').hidden = true;
  // What tests and scripts wait for: the nodes drawn, and how many drawings so far.
  document.body.dataset.drawn = String(subgraph.nodes.length);
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
  const facts = subgraph.edges.length;
  const omitted = subgraph.truncated
    ? ` ${subgraph.omittedEdges} more connections were left out: raise “Connections per node” to see them.`
    : '';
  const widenedNote = widened ? ' Nothing was linked by the chosen relations, so every relation is switched on.' : '';
  setStatus(
    `${count(subgraph.nodes.length, 'node')} and ${count(lines.length, 'line')} standing for ${count(facts, 'fact')}.${omitted}${widenedNote}`,
  );
}

const count = (n, word) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The API's coordinates scaled so that a typical edge is TYPICAL_EDGE long at zoom 1. */
function layoutScale({ nodes, edges }) {
  const at = new Map(nodes.map((n) => [n.id, n]));
  const lengths = edges
    .map((e) => [at.get(e.source), at.get(e.target)])
    .filter(([a, b]) => a && b)
    .map(([a, b]) => Math.hypot(a.x - b.x, a.y - b.y))
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)];
  return median ? TYPICAL_EDGE / median : 10;
}

/** The starting points and the busiest nodes: labelled at every zoom. */
function leadIds(nodes) {
  const busiest = [...nodes].sort((a, b) => b.degree - a.degree).slice(0, LABELS.leadCount);
  return new Set([...state.view.seeds, ...busiest.map((n) => n.id)]);
}

function nodeElement(n, scale, lead, most) {
  const type = NODE_TYPES[n.type] ?? { color: '#555', shape: 'ellipse' };
  const seed = state.view.seeds.includes(n.id);
  return {
    group: 'nodes',
    data: { id: n.id, label: shortLabel(n.label), ...nodeLook(n, state.view, most), shape: type.shape },
    position: { x: n.x * scale, y: n.y * scale },
    classes: [seed ? 'seed' : '', lead.has(n.id) ? 'lead' : ''].join(' '),
  };
}

const yuanOf = (n) => Number(n.yuanGiven ?? 0) + Number(n.yuanReceived ?? 0);
const largestYuan = (nodes) => Math.max(0, ...nodes.map(yuanOf));

/** A node's size and colour as the view asks: `most` is the largest yuan drawn (the yuan scale's top). */
function nodeLook(n, view, most) {
  const size =
    view.size === 'yuan'
      ? NODE_SIZE.min + (most > 0 ? (NODE_SIZE.maxYuan - NODE_SIZE.min) * Math.sqrt(yuanOf(n) / most) : 0)
      : NODE_SIZE.min + NODE_SIZE.degreeStep * Math.sqrt(n.degree ?? 0);
  const color = view.colour === 'community' ? communityColour(n.community) : (NODE_TYPES[n.type]?.color ?? '#555');
  return { size, color };
}

const communityColour = (community) => COMMUNITY_COLOURS[(community ?? 0) % COMMUNITY_COLOURS.length];

/** Restyles the drawn nodes for the view's size and colour (positions and selection stay). */
function applyLook() {
  const most = largestYuan([...state.nodes.values()]);
  state.cy.batch(() => {
    state.cy.nodes().forEach((node) => {
      const n = state.nodes.get(node.id());
      if (n) node.data(nodeLook(n, state.view, most));
    });
  });
  syncLegend();
}

/** Long names are cut in the drawing (the details give them whole): measuring wrapped labels is slow. */
function shortLabel(label) {
  return label.length <= 36 ? label : `${label.slice(0, 34).replace(/[\s,(]+\S*$/, '')}…`;
}

function lineElement(l) {
  const style = RELATION_STYLE[l.type] ?? { color: '#999', line: 'solid' };
  return {
    group: 'edges',
    data: {
      id: l.id,
      source: l.source,
      target: l.target,
      color: style.color,
      line: style.line,
      width: 1.5 + Math.min(4.5, Math.log2(l.count) * 1.5),
      label: lineLabel(l),
    },
    classes: l.count > 1 ? 'merged' : '',
  };
}

/** What a line says without a click: how many facts, how much money, which years. */
function lineLabel(l) {
  const parts = [];
  if (l.count > 1) parts.push(`${l.count}×`);
  if (l.yuan) parts.push(M.shortYuan(l.yuan));
  if (l.type !== 'PAIRING' && l.fromYear) parts.push(M.yearSpan(l.fromYear, l.toYear));
  return l.type === 'PART_OF' || l.type === 'LOCATED_IN' ? '' : parts.join(' · ');
}

function clearDrawing() {
  stopTimeline();
  state.cy.elements().remove();
  state.nodes = new Map();
  state.lines = new Map();
  state.selected = null;
  showNothing();
  $('empty').hidden = false;
  document.body.dataset.drawn = '0';
  setStatus('');
}

/** The zoom and pan that show every node (positions only: the margin leaves room for labels). */
function fitViewport(positions, padding = 56) {
  const box = document.getElementById('graph').getBoundingClientRect();
  const xs = positions.map((p) => p.x);
  const ys = positions.map((p) => p.y);
  const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const room = (size) => Math.max(size - 2 * padding, 20);
  const fit = Math.min(room(box.width) / Math.max(x2 - x1, 1), room(box.height) / Math.max(y2 - y1, 1));
  const zoom = Math.max(state.cy.minZoom(), Math.min(2, fit));
  return { zoom, pan: { x: box.width / 2 - ((x1 + x2) / 2) * zoom, y: box.height / 2 - ((y1 + y2) / 2) * zoom } };
}

function fitDrawing() {
  if (state.cy.nodes().empty()) return;
  state.cy.viewport(fitViewport(state.cy.nodes().map((n) => n.position())));
}

/** A label's size in the drawing's units at a zoom: what keeps it legible on screen (see LABELS). */
function labelFont(ele, zoom) {
  if (ele.isEdge()) return LABELS.edgePx / Math.max(zoom, LABELS.edgeZoom);
  return ele.hasClass('lead') || ele.hasClass('near') ? LABELS.leadPx / zoom : LABELS.plainPx / Math.max(zoom, LABELS.plainZoom);
}

/** The font sizes styled, by element id: what retuneLabels compares with. */
const styledFonts = new Map();

/** The style's font size: the size for the zoom last tuned for. */
function styledFont(ele) {
  const font = labelFont(ele, state.labelZoom);
  styledFonts.set(ele.id(), font);
  return font;
}

function cytoscapeStyle() {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': styledFont,
        'min-zoomed-font-size': LABELS.minPx,
        color: '#1a202c',
        'text-valign': 'bottom',
        'text-margin-y': 2,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 1,
        'text-background-shape': 'roundrectangle',
        'text-events': 'no',
      },
    },
    { selector: 'node.seed', style: { 'border-width': 2.5, 'border-color': '#111', 'font-weight': 'bold' } },
    {
      selector: 'edge',
      style: {
        'line-color': 'data(color)',
        'line-style': 'data(line)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
        width: 'data(width)',
        label: 'data(label)',
        'font-size': styledFont,
        'min-zoomed-font-size': LABELS.edgeMinPx,
        color: '#2d3748',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 1,
        'text-events': 'no',
      },
    },
    { selector: 'edge.merged', style: { 'line-cap': 'round' } },
    { selector: '.later', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.18, 'text-opacity': 0 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d69e2e' } },
    { selector: 'edge:selected', style: { 'underlay-color': '#d69e2e', 'underlay-opacity': 0.45, 'underlay-padding': 4 } },
  ];
}

let retuneTimer = 0;
/**
 * Label sizes follow the zoom once the view settles. Only what is on screen is restyled, and only
 * where the size is off by more than a tenth: a restyle makes Cytoscape recompute an element's
 * drawing, which over thousands of elements takes seconds. What is off screen is tuned when it
 * comes into view.
 */
function retuneLabels() {
  clearTimeout(retuneTimer);
  retuneTimer = setTimeout(() => {
    const { cy } = state;
    state.labelZoom = cy.zoom();
    const stale = onScreen().filter((e) => Math.abs(Math.log(labelFont(e, state.labelZoom) / (styledFonts.get(e.id()) ?? 1))) > 0.1);
    if (stale.nonempty()) stale.updateStyle();
  }, 120);
}

/** The nodes in view (with a margin) and their lines. */
function onScreen() {
  const { cy } = state;
  const { x1, x2, y1, y2, w, h } = cy.extent();
  const inView = cy.nodes().filter((n) => {
    const { x, y } = n.position();
    return x > x1 - w / 4 && x < x2 + w / 4 && y > y1 - h / 4 && y < y2 + h / 4;
  });
  return inView.union(inView.connectedEdges());
}

// ---------------------------------------------------------------- selection and the details panel

function selectNode(id, { open = true } = {}) {
  const node = state.cy.getElementById(id);
  if (!node.length) return;
  state.selected = { kind: 'node', id };
  state.cy.$(':selected').unselect();
  node.select();
  highlight(node.closedNeighborhood());
  showNode(id);
  if (open) setDrawer('details', true);
}

function selectLine(id, { open = true } = {}) {
  const edge = state.cy.getElementById(id);
  if (!edge.length) return;
  state.selected = { kind: 'line', id, key: state.lines.get(id).key };
  state.cy.$(':selected').unselect();
  edge.select();
  highlight(edge.union(edge.connectedNodes()));
  showLine(id);
  if (open) setDrawer('details', true);
}

/** Fades what is not around the selection; over a large drawing (a restyle of every element) it only labels the neighbours. */
const FADE_UP_TO = 1500;
function highlight(kept) {
  const { cy } = state;
  cy.batch(() => {
    cy.$('.near').removeClass('near');
    if (cy.elements().length <= FADE_UP_TO) {
      cy.elements().addClass('faded');
      kept.removeClass('faded');
    }
    kept.nodes().addClass('near');
  });
}

function clearSelection() {
  state.selected = null;
  state.cy.batch(() => state.cy.$(':selected, .faded, .near').unselect().removeClass('faded near'));
  showNothing();
  setDrawer('details', false);
}

/** After a redraw the selection is shown again from the new data, or let go if it is not drawn any more. */
function restoreSelection() {
  const s = state.selected;
  if (s?.kind === 'node' && state.nodes.has(s.id)) return selectNode(s.id, { open: false });
  if (s?.kind === 'line') {
    const same = [...state.lines.values()].find((l) => l.key === s.key && (l.id === s.id || !l.separated));
    if (same) return selectLine(same.id, { open: false });
  }
  state.selected = null;
  showNothing();
}

function showNothing() {
  $('details-title').textContent = 'Details';
  fill(
    $('details-body'),
    el(
      'p',
      { class: 'muted' },
      state.nodes.size ? 'Click a node or a line in the drawing to read about it here.' : 'Nothing is drawn yet.',
    ),
  );
}

function showNode(id) {
  const n = state.nodes.get(id);
  const seed = state.view.seeds.includes(id);
  const type = NODE_TYPES[n.type];
  $('details-title').textContent = n.label;
  const meta = [...new Set([type?.name ?? n.type, n.kind, n.level].filter(Boolean))].concat(n.code ? [`code ${n.code}`] : []).join(' · ');
  fill(
    $('details-body'),
    el('p', { class: 'meta' }, swatch(n.type), meta),
    el('p', { class: 'muted' }, `Id ${id}`),
    moneyOf(n),
    el('div', { class: 'actions' }, ...nodeActions(id, seed)),
    connectionsOf(id),
  );
}

function moneyOf(n) {
  const given = BigInt(n.yuanGiven);
  const received = BigInt(n.yuanReceived);
  return el(
    'section',
    { class: 'money', 'aria-label': 'Money' },
    el(
      'dl',
      {},
      el('dt', {}, 'Yuan given'),
      el('dd', {}, given ? `${M.formatYuan(n.yuanGiven)} (${M.shortYuan(n.yuanGiven)})` : 'none drawn'),
      el('dt', {}, 'Yuan received'),
      el('dd', {}, received ? `${M.formatYuan(n.yuanReceived)} (${M.shortYuan(n.yuanReceived)})` : 'none drawn'),
    ),
    el(
      'p',
      { class: 'muted' },
      'The donations drawn here (with the filters as set), each counted once: shares of a stated total and restatements are left out, as in the API’s totals.',
    ),
  );
}

function nodeActions(id, seed) {
  const full = state.view.seeds.length >= M.MAX_SEEDS;
  const name = state.nodes.get(id).label;
  const actions = [];
  if (seed) {
    actions.push(el('p', { class: 'muted' }, 'One of the drawing’s starting points: its connections are drawn.'));
    actions.push(el('button', { type: 'button', onclick: () => removeSeed(id) }, 'Remove from the starting points'));
  } else {
    actions.push(el('button', { type: 'button', id: 'expand', disabled: full, onclick: () => expand(id) }, 'Draw its connections'));
    if (full) actions.push(el('p', { class: 'limit-note' }, fullNote()));
  }
  actions.push(el('button', { type: 'button', onclick: () => centreOn(id) }, 'Centre on it'));
  actions.push(el('button', { type: 'button', onclick: () => startFrom(id, name) }, 'Draw it alone'));
  return actions;
}

function fullNote() {
  return `The drawing already starts from ${M.MAX_SEEDS} places or actors, the most the service draws at once. Remove a starting point (or undo) to expand another.`;
}

/** The node's lines as buttons: the drawing's content, reachable by keyboard. */
function connectionsOf(id) {
  const lines = [...state.lines.values()]
    .filter((l) => l.source === id || l.target === id)
    .sort((a, b) => M.RELATIONS.indexOf(a.type) - M.RELATIONS.indexOf(b.type) || b.count - a.count);
  const shown = lines.slice(0, 60);
  return el(
    'section',
    { 'aria-labelledby': 'connections-title' },
    el('h3', { id: 'connections-title' }, `Connections drawn (${lines.length})`),
    el(
      'ul',
      { class: 'connections' },
      shown.map((l) => {
        const other = l.source === id ? l.target : l.source;
        const arrow = l.source === id ? '→' : '←';
        return el(
          'li',
          {},
          el(
            'button',
            { type: 'button', class: 'linkish', onclick: () => selectLine(l.id) },
            edgeSwatch(l.type),
            `${RELATION_STYLE[l.type]?.name ?? l.type} ${arrow} ${state.nodes.get(other)?.label ?? other}`,
            lineSummary(l) ? el('span', { class: 'muted summary' }, `· ${lineSummary(l)}`) : null,
          ),
        );
      }),
    ),
    lines.length > shown.length ? el('p', { class: 'muted' }, `and ${lines.length - shown.length} more`) : null,
  );
}

function lineSummary(l) {
  const parts = [];
  if (l.count > 1) parts.push(`${l.count} ${RELATION_STYLE[l.type]?.plural ?? 'facts'}`);
  if (l.yuan) parts.push(M.shortYuan(l.yuan));
  if (l.fromYear) parts.push(M.yearSpan(l.fromYear, l.toYear));
  return parts.join(', ');
}

function showLine(id) {
  const l = state.lines.get(id);
  const style = RELATION_STYLE[l.type] ?? { name: l.type, ends: ['From', 'To'], plural: 'facts' };
  const end = (nodeId) =>
    el('button', { type: 'button', class: 'linkish', onclick: () => selectNode(nodeId) }, state.nodes.get(nodeId)?.label ?? nodeId);
  $('details-title').textContent = l.count > 1 ? `${l.count} ${style.plural}` : style.name;
  const total = l.yuan
    ? `${M.formatYuan(l.yuan)}${l.count > 1 ? ' in total' : ''}${l.shared ? ' (a joint donation counts its whole amount)' : ''}`
    : null;
  fill(
    $('details-body'),
    el('p', { class: 'meta' }, edgeSwatch(l.type), style.name),
    el(
      'dl',
      { class: 'ends' },
      el('dt', {}, style.ends[0]),
      el('dd', {}, end(l.source)),
      el('dt', {}, style.ends[1]),
      el('dd', {}, end(l.target)),
    ),
    total ? el('p', {}, total) : null,
    total && l.count > 1 ? el('p', { class: 'muted' }, totalNote(l)) : null,
    l.fromYear ? el('p', {}, `Years: ${M.yearSpan(l.fromYear, l.toYear)}`) : null,
    separateButton(l),
    el('h3', {}, l.count > 1 ? 'The facts, each with its source' : 'Source'),
    el(
      'ol',
      { class: 'facts' },
      l.facts.map((e) => factItem(e, l.countedIds)),
    ),
  );
}

function totalNote(l) {
  if (!l.countedIds) return 'Added up as each fact states it: a stated total and its parts may both be among them.';
  const left = l.facts.filter((e) => !l.countedIds.has(e.eventId)).length;
  return left
    ? `Money counted once: ${left} of the ${l.count} are shares of a stated total or state the same money again, and are not added.`
    : 'Money counted once: each fact here is money of its own.';
}

/** A merged line opens into its edges (and closes again): the drawing is kept, only the lines change. */
function separateButton(l) {
  if (l.count > 1)
    return el(
      'button',
      { type: 'button', id: 'separate', onclick: () => setSeparate(l.key, true) },
      `Draw the ${l.count} as separate lines`,
    );
  if (l.separated)
    return el('button', { type: 'button', id: 'separate', onclick: () => setSeparate(l.key, false) }, 'Merge them into one line again');
  return null;
}

function factItem(e, countedIds) {
  const when = e.dateStart ? `${e.dateStart}${e.dateEnd && e.dateEnd !== e.dateStart ? ` – ${e.dateEnd}` : ''}` : (e.year ?? '');
  const head = [
    when,
    e.yuan ? `${M.formatYuan(e.yuan)}${e.shared ? ' (joint; whole amount)' : ''}` : null,
    e.type === 'PAIRING' ? [e.level, e.status].filter(Boolean).join(', ') : null,
  ].filter(Boolean);
  const p = e.provenance;
  return el(
    'li',
    {},
    head.length ? el('p', { class: 'fact-head' }, head.join(' · ')) : null,
    p
      ? [
          el('blockquote', { class: 'quote' }, p.quote),
          el('p', { class: 'cite' }, `${p.document.title} (${p.document.year}), characters ${p.start}–${p.end} · ${e.eventId ?? e.id}`),
        ]
      : el('p', { class: 'muted' }, 'A structural link (the place hierarchy or a location): it has no quote of its own.'),
    countedIds && e.yuan && !countedIds.has(e.eventId)
      ? el('p', { class: 'muted' }, 'Not added to the total: part of a stated total, or the same money stated again.')
      : null,
  );
}

function setSeparate(key, separate) {
  if (separate) state.separate.add(key);
  else state.separate.delete(key);
  const edges = [...state.lines.values()].flatMap((l) => l.facts);
  const lines = M.mergeEdges(edges, state.separate, state.counted);
  state.lines = new Map(lines.map((l) => [l.id, l]));
  state.cy.batch(() => {
    state.cy.edges().remove();
    state.cy.add(lines.map(lineElement));
  });
  showYear(state.timeline.year);
  const first = lines.find((l) => l.key === key);
  selectLine(first.id, { open: false });
  setStatus(separate ? `Drawn as ${first.separated ? 'separate lines' : 'one line'}.` : 'Merged into one line.');
}

function swatch(type, colour = NODE_TYPES[type]?.color ?? '#555') {
  const s = el('span', { class: `swatch node-swatch shape-${NODE_TYPES[type]?.shape ?? 'ellipse'}`, 'aria-hidden': 'true' });
  s.style.backgroundColor = colour;
  return s;
}

function edgeSwatch(type) {
  const style = RELATION_STYLE[type] ?? { color: '#999', line: 'solid' };
  const s = el('span', { class: `swatch edge-swatch line-${style.line}`, 'aria-hidden': 'true' });
  s.style.borderTopColor = style.color;
  return s;
}

// ---------------------------------------------------------------- changing the starting points

function expand(id) {
  if (state.view.seeds.includes(id)) return;
  if (state.view.seeds.length >= M.MAX_SEEDS) {
    setStatus(fullNote());
    return;
  }
  state.selected = { kind: 'node', id };
  changeView({ ...state.view, seeds: [...state.view.seeds, id] });
}

function removeSeed(id) {
  changeView({ ...state.view, seeds: state.view.seeds.filter((s) => s !== id) });
}

function startFrom(id, name, type) {
  state.names.set(id, name);
  state.selected = { kind: 'node', id };
  state.separate.clear();
  const relations = type ? M.relationsFor(type, state.view.relations) : state.view.relations;
  return changeView({ ...state.view, seeds: [id], relations }, { widen: true });
}

function addSeed(id, name, type) {
  state.names.set(id, name);
  if (state.view.seeds.includes(id) || state.view.seeds.length >= M.MAX_SEEDS) return;
  changeView({ ...state.view, seeds: [...state.view.seeds, id], relations: M.relationsFor(type, state.view.relations) });
}

function centreOn(id) {
  const node = state.cy.getElementById(id);
  state.cy.animate({ center: { eles: node }, zoom: Math.max(state.cy.zoom(), 1) }, { duration: 250 });
}

// ---------------------------------------------------------------- search

async function runSearch(text) {
  $('results').replaceChildren(el('li', { class: 'muted' }, 'Searching…'));
  setStatus(`Searching for “${text}”…`);
  let hits;
  try {
    ({ search: hits } = await gql(SEARCH, { q: text }));
  } catch (error) {
    $('results').replaceChildren(el('li', { class: 'muted' }, 'The search did not work.'));
    const { text: words, detail } = explain(error);
    showError(words, detail);
    setStatus('');
    return;
  }
  showResults(hits);
  if (!hits.length) {
    setStatus(`Nothing matches “${text}”. Try another spelling, or a shorter name.`);
    return;
  }
  setDrawer('side', false);
  const [first] = hits;
  await startFrom(first.node.id, first.node.name, first.node.__typename);
}

function showResults(hits) {
  const typeName = (t) => NODE_TYPES[t]?.name ?? t;
  $('results').replaceChildren(
    ...(hits.length
      ? hits.map(({ node }) =>
          el(
            'li',
            {},
            el(
              'button',
              {
                type: 'button',
                class: 'pick',
                onclick: () => {
                  setDrawer('side', false);
                  startFrom(node.id, node.name, node.__typename);
                },
              },
              swatch(node.__typename),
              node.name,
              el('small', {}, ` ${typeName(node.__typename)}`),
            ),
            el(
              'button',
              {
                type: 'button',
                class: 'add',
                'aria-label': `Add ${node.name} to the drawing`,
                title: 'Add to the drawing',
                onclick: () => addSeed(node.id, node.name, node.__typename),
              },
              '+',
            ),
          ),
        )
      : [el('li', { class: 'muted' }, 'No match.')]),
  );
  syncResultButtons();
}

// ---------------------------------------------------------------- the controls

function syncControls() {
  const v = state.view;
  $('year').value = v.year ? String(v.year) : '';
  $('from').value = v.from ? String(v.from) : '';
  $('to').value = v.to ? String(v.to) : '';
  $('size').value = v.size;
  $('colour').value = v.colour;
  $('limit').value = String(v.limit);
  for (const r of M.RELATIONS) $(`rel-${r}`).checked = v.relations.includes(r);
  $('undo').disabled = !state.past.length;
  $('reset').disabled = !v.seeds.length && M.sameView(v, M.defaultView());
  const drawn = v.seeds.length > 0;
  for (const id of ['relayout', 'fit', 'download-png', 'download-svg']) $(id).disabled = !drawn;
  $('play').disabled = !drawn || Boolean(v.year);
  $('play').title = v.year
    ? 'One year is drawn: choose “All years” under Year to play the timeline'
    : 'Show the drawing as it stood in each year, one year at a time';
  showSeeds();
  syncResultButtons();
  syncLegend();
  updateDownloads();
}

function showSeeds() {
  const seeds = state.view.seeds;
  $('seeds-note').textContent = seeds.length
    ? seeds.length >= M.MAX_SEEDS
      ? fullNote()
      : `The drawing starts from ${seeds.length} of at most ${M.MAX_SEEDS}; expanding a node adds it here.`
    : `None yet. A drawing starts from up to ${M.MAX_SEEDS} places or actors.`;
  $('seeds').replaceChildren(
    ...seeds.map((id) => {
      const name = state.names.get(id) ?? id;
      return el(
        'li',
        {},
        el('button', { type: 'button', class: 'linkish', onclick: () => selectNode(id) }, name),
        el(
          'button',
          { type: 'button', class: 'remove', 'aria-label': `Remove ${name} from the starting points`, onclick: () => removeSeed(id) },
          '×',
        ),
      );
    }),
  );
}

function syncResultButtons() {
  const full = state.view.seeds.length >= M.MAX_SEEDS;
  for (const b of document.querySelectorAll('#results .add')) b.disabled = full;
}

function syncLegend() {
  syncNodeLegend();
  const on = new Set(state.view.relations);
  $('legend-edges').replaceChildren(
    ...M.RELATIONS.filter((r) => on.has(r)).map((r) => el('li', {}, edgeSwatch(r), RELATION_STYLE[r].name)),
    ...(on.size ? [] : [el('li', { class: 'muted' }, 'No relation is switched on.')]),
  );
}

/** The node types' shapes, in their colours or (colour by community) in grey, and the communities drawn. */
function syncNodeLegend() {
  const byCommunity = state.view.colour === 'community';
  $('legend-nodes').replaceChildren(
    ...Object.keys(NODE_TYPES).map((t) => el('li', {}, swatch(t, byCommunity ? SHAPE_ONLY : undefined), NODE_TYPES[t].name)),
  );
  $('legend-colours').hidden = !byCommunity;
  if (!byCommunity) return;
  const communities = [...new Set([...state.nodes.values()].map((n) => n.community ?? 0))].sort((a, b) => a - b);
  const shown = communities.slice(0, COMMUNITY_COLOURS.length);
  fill(
    $('legend-communities'),
    el('li', {}, 'Colour: community (groups of nodes more linked among themselves than to the rest of the drawing)'),
    ...shown.map((c) => el('li', { class: 'community' }, swatch('Place', communityColour(c)), `Community ${c + 1}`)),
    communities.length > shown.length ? el('li', { class: 'muted' }, `colours repeat: ${communities.length} communities drawn`) : null,
  );
}

function viewFromControls() {
  const range = M.yearRange(Number($('from').value), Number($('to').value));
  return {
    ...state.view,
    year: $('year').value ? Number($('year').value) : null,
    ...range,
    size: $('size').value,
    colour: $('colour').value,
    limit: Number($('limit').value),
    relations: M.RELATIONS.filter((r) => $(`rel-${r}`).checked),
  };
}

function updateDownloads() {
  const v = state.view;
  const q = new URLSearchParams({ seeds: v.seeds.join(','), relations: v.relations.join(','), perNodeLimit: String(v.limit) });
  if (v.year) q.set('year', String(v.year));
  if (v.from) q.set('from', String(v.from));
  if (v.to) q.set('to', String(v.to));
  if (v.layout !== 1) q.set('layoutSeed', String(v.layout));
  const formats = [
    ['gexf', 'GEXF (Gephi)'],
    ['graphml', 'GraphML'],
    ['cytoscape', 'Cytoscape.js'],
    ['graphology', 'graphology'],
    ['nodes.csv', 'nodes.csv'],
    ['edges.csv', 'edges.csv'],
  ];
  $('downloads').replaceChildren(
    ...(v.seeds.length
      ? formats.map(([format, name]) => el('a', { href: `/export/${format}?${q}`, download: true }, name))
      : [el('span', { class: 'muted' }, 'Draw something first.')]),
  );
}

function setStatus(text) {
  $('status').textContent = text;
}

function setBusy(busy) {
  $('busy').hidden = !busy;
  $('graph-wrap').setAttribute('aria-busy', String(busy));
  if (busy) setStatus('Drawing…');
}

function showError(text, detail) {
  const box = $('error');
  fill(
    box,
    el('p', {}, text),
    detail ? el('details', {}, el('summary', {}, 'Details'), el('p', {}, detail)) : null,
    el('button', { type: 'button', onclick: clearError }, 'Dismiss'),
  );
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}

// ---------------------------------------------------------------- the timeline

/**
 * Shows the drawing as it stood in a year (null: the whole range of years chosen). Lines are hidden, not removed,
 * so nodes keep their places from year to year; a merged line counts only the facts of the years
 * shown. A node is hidden while all its lines are, unless it is a starting point or has none.
 */
function showYear(year) {
  const { cy } = state;
  state.timeline.year = year;
  const span = { from: state.view.from, to: year ?? state.view.to };
  cy.batch(() => {
    cy.elements().removeClass('later');
    cy.edges().forEach((edge) => {
      const line = state.lines.get(edge.id());
      if (line) showLineIn(edge, line, span);
    });
    if (span.from === null && span.to === null) return;
    cy.nodes().forEach((node) => {
      const edges = node.connectedEdges();
      if (!node.hasClass('seed') && edges.nonempty() && edges.every((e) => e.hasClass('later'))) node.addClass('later');
    });
  });
  $('year-badge').hidden = year === null;
  $('year-badge').textContent = year === null ? '' : String(year);
  $('all-years').hidden = year === null;
}

/** A line in a window of years: hidden if none of its facts falls in it, else labelled with those that do. */
function showLineIn(edge, line, { from, to }) {
  const facts = line.facts.filter((e) => M.factInWindow(e, from, to));
  if (!facts.length) {
    edge.addClass('later');
    return;
  }
  const shown = facts.length === line.facts.length ? line : M.mergeEdges(facts, new Set(), state.counted)[0];
  const label = lineLabel(shown);
  // Only changed labels are set: each change restyles the line.
  if (edge.data('label') !== label) edge.data('label', label);
}

function playing() {
  return state.timeline.timer !== 0;
}

/** Plays from the first year of the range, or on from a paused year. */
function play() {
  const years = M.timelineYears(state.view);
  const at = years.indexOf(state.timeline.year);
  const start = at >= 0 && at < years.length - 1 ? years[at + 1] : years[0];
  state.timeline.timer = setInterval(nextYear, YEAR_MS);
  $('play').textContent = 'Pause';
  announceYear(start);
}

function nextYear() {
  const years = M.timelineYears(state.view);
  const at = years.indexOf(state.timeline.year);
  if (at < 0 || at >= years.length - 1) pause();
  else announceYear(years[at + 1]);
}

/** Shows a year and says so; the last year of the range ends the play. */
function announceYear(year) {
  showYear(year);
  const shown = state.cy.edges().filter((e) => !e.hasClass('later')).length;
  setStatus(`${year}: ${count(shown, 'line')} of ${state.cy.edges().length} stood by the end of the year.`);
  if (year === M.timelineYears(state.view).at(-1)) pause();
}

function pause() {
  clearInterval(state.timeline.timer);
  state.timeline.timer = 0;
  $('play').textContent = 'Play years';
}

/** Back to every year drawn (a new drawing starts so too). */
function stopTimeline() {
  pause();
  showYear(null);
}

function togglePlay() {
  if (playing()) pause();
  else play();
}

// ---------------------------------------------------------------- drawers (narrow screens)

function setDrawer(id, open) {
  $(id).classList.toggle('open', open);
  $(`toggle-${id}`).setAttribute('aria-expanded', String(open));
}

function toggleDrawer(id) {
  const open = !$(id).classList.contains('open');
  setDrawer(id, open);
  if (open) $(id).querySelector('h2')?.focus?.();
}

// ---------------------------------------------------------------- downloads of the picture

function savePicture(kind) {
  const { cy } = state;
  const box = cy.elements().boundingBox();
  // Up to 4,000 pixels a side, twice the screen's scale for a small drawing.
  const scale = Math.min(2, 4000 / Math.max(box.w, box.h, 1));
  const name = `pairing-graph-${(state.names.get(state.view.seeds[0]) ?? 'drawing').replace(/\W+/g, '-').toLowerCase()}.${kind}`;
  if (kind === 'png') cy.png({ output: 'blob-promise', full: true, scale, bg: '#ffffff' }).then((blob) => save(blob, name));
  else save(new Blob([cy.svg({ full: true, scale, bg: '#ffffff' })], { type: 'image/svg+xml' }), name);
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  setStatus(`Saved ${name}.`);
}

// ---------------------------------------------------------------- keys on the drawing

function onGraphKey(event) {
  const { cy } = state;
  const step = 80;
  const centre = () => ({ x: $('graph').clientWidth / 2, y: $('graph').clientHeight / 2 });
  const actions = {
    ArrowLeft: () => cy.panBy({ x: step, y: 0 }),
    ArrowRight: () => cy.panBy({ x: -step, y: 0 }),
    ArrowUp: () => cy.panBy({ x: 0, y: step }),
    ArrowDown: () => cy.panBy({ x: 0, y: -step }),
    '+': () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: centre() }),
    '=': () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: centre() }),
    '-': () => cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: centre() }),
    0: () => fitDrawing(),
    Escape: clearSelection,
  };
  const action = actions[event.key];
  if (!action) return;
  event.preventDefault();
  action();
}

// ---------------------------------------------------------------- start

function buildFilters() {
  for (const r of M.RELATIONS) {
    $('relations').append(el('label', {}, el('input', { type: 'checkbox', id: `rel-${r}` }), edgeSwatch(r), RELATION_STYLE[r].name));
  }
}

function startCytoscape() {
  const cy = cytoscape({
    container: $('graph'),
    style: cytoscapeStyle(),
    minZoom: 0.02,
    maxZoom: 6,
    boxSelectionEnabled: false,
  });
  cy.on('tap', 'node', (ev) => selectNode(ev.target.id()));
  cy.on('dbltap', 'node', (ev) => expand(ev.target.id()));
  cy.on('tap', 'edge', (ev) => selectLine(ev.target.id()));
  cy.on('tap', (ev) => {
    if (ev.target === cy) clearSelection();
  });
  cy.on('viewport', retuneLabels);
  new ResizeObserver(() => cy.resize()).observe($('graph'));
  return cy;
}

function listen() {
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = $('search').value.trim();
    if (text) runSearch(text);
  });
  for (const id of ['year', 'from', 'to', 'size', 'colour', 'limit'])
    $(id).addEventListener('change', () => changeView(viewFromControls()));
  $('relations').addEventListener('change', () => changeView(viewFromControls()));
  $('undo').addEventListener('click', undo);
  $('reset').addEventListener('click', startAgain);
  $('relayout').addEventListener('click', () => changeView({ ...state.view, layout: state.view.layout + 1 }));
  $('fit').addEventListener('click', fitDrawing);
  $('play').addEventListener('click', togglePlay);
  $('all-years').addEventListener('click', () => {
    stopTimeline();
    setStatus('Every year drawn.');
  });
  $('download-png').addEventListener('click', () => savePicture('png'));
  $('download-svg').addEventListener('click', () => savePicture('svg'));
  $('toggle-side').addEventListener('click', () => toggleDrawer('side'));
  $('toggle-details').addEventListener('click', () => toggleDrawer('details'));
  for (const b of document.querySelectorAll('[data-close]')) {
    b.addEventListener('click', () => {
      setDrawer(b.dataset.close, false);
      $(`toggle-${b.dataset.close}`).focus();
    });
  }
  for (const b of document.querySelectorAll('[data-example]'))
    b.addEventListener('click', () => startFrom(b.dataset.example, b.textContent));
  $('graph').addEventListener('keydown', onGraphKey);
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    setDrawer('side', false);
    setDrawer('details', false);
  });
}

function init() {
  buildFilters();
  state.cy = startCytoscape();
  listen();
  // The legend starts open where there is room for it.
  $('legend').open = matchMedia('(min-width: 760px)').matches;
  const view = M.parseView(location.search);
  state.selected = view.seeds.length === 1 ? { kind: 'node', id: view.seeds[0] } : null;
  showView(view);
  window.explorer = state;
}

init();
