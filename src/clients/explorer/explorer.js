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
 * keep 13 px at every zoom. Line labels show from zoom 0.8 (8 px). On screen the page draws them
 * itself (drawOverlay); Cytoscape draws them only into saved pictures (savePicture).
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
    QUERY_TOO_COSTLY:
      'This view is too large to draw at once. Take fewer “Steps from the starting points”, lower “Connections per node”, choose a year, or remove a starting point.',
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
    const shownOnScreen = render(subgraph, shown !== view);
    state.drawn = state.view;
    syncControls();
    writeUrl();
    // "Drawing…" until the new drawing is on screen (a large one is made ready in tasks: prepareDrawing).
    await shownOnScreen;
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
  const search = M.viewSearch(state.view);
  // Unchanged, it is not written again: each write costs a large drawing's task 10–20 ms.
  if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
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
      hops: view.hops,
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
  const lines = M.mergeEdges(subgraph.edges, state.separate, state.counted);
  state.nodes = new Map(subgraph.nodes.map((n) => [n.id, n]));
  state.lines = new Map(lines.map((l) => [l.id, l]));
  for (const n of subgraph.nodes) state.names.set(n.id, n.label);
  const scale = layoutScale(subgraph);
  const lead = leadIds(subgraph.nodes);
  const most = largestYuan(subgraph.nodes);
  const nodes = subgraph.nodes.map((n) => nodeElement(n, scale, lead, most));
  const viewport = fitViewport(nodes.map((n) => n.position));
  overlay.lead = lead;
  overlay.near = new Set();
  overlay.faded = false;
  overlay.widths.clear();
  stopResizing({ drop: true });
  // No year shown on a drawing being made (settle shows every year).
  pause();
  state.timeline.year = null;
  overlay.nodes = overlay.lines = hitIndex.boxes = null;
  overlay.linesStale = true;
  const elements = [...nodes, ...lineElements(lines)];
  const cy = newCytoscape();
  cy.viewport(viewport);
  // Once every element is in Cytoscape.
  const settle = () => {
    // Nodes of a large drawing stay where they are drawn: a node dragged there would have every
    // node and line path made again at each move of the pointer.
    cy.autoungrabify(elements.length > FADE_UP_TO);
    stopTimeline({ fresh: true });
    restoreSelection();
  };
  $('empty').hidden = true;
  const facts = subgraph.edges.length;
  const omitted = subgraph.truncated
    ? ` ${subgraph.omittedEdges} more connections were left out: raise “Connections per node” to see them.`
    : '';
  const widenedNote = widened ? ' Nothing was linked by the chosen relations, so every relation is switched on.' : '';
  setStatus(
    `${count(subgraph.nodes.length, 'node')} and ${count(lines.length, 'line')} standing for ${count(facts, 'fact')}.${omitted}${widenedNote}`,
  );
  return prepareDrawing(elements, settle, subgraph.nodes.length);
}

/**
 * A new drawing's elements given to Cytoscape and made ready for the first frame, then `settle`.
 * Cytoscape would do it all in one task: add every element (with an event for each), style it,
 * work out every line's ends, then measure every element's box, each box measured for the first
 * time marking its element changed, so that the frame after worked out every line's ends again
 * (for 2,000 nodes and 3,000 lines: tasks of 600–700 ms, then 100–250 ms). In a large drawing it
 * is done in tasks of its own while the page's canvas still shows the drawing before: the elements
 * added a slice at a time, nodes first, each measured once. Resolves once the drawing is shown.
 */
const PREPARE_FROM = 1000;
const PREPARE_SLICE = 200;

function prepareDrawing(elements, settle, nodeCount) {
  const { cy } = state;
  const shown = new Promise((resolve) => {
    resizing.drawn = () => {
      markDrawn(nodeCount);
      resolve();
    };
  });
  if (elements.length < PREPARE_FROM || typeof cy.renderer()?.flushRenderedStyleQueue !== 'function') {
    cy.add(elements);
    settle();
    finishDrawing();
    return shown;
  }
  resizing.prepare = { elements, settle };
  holdDrawing();
  resizing.timer = setTimeout(resizeStep, 0);
  return shown;
}

/** What tests and scripts wait for: the nodes drawn, and how many drawings so far. */
function markDrawn(nodeCount) {
  document.body.dataset.drawn = String(nodeCount);
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
}

/** The new drawing shown: on the next frame of the page's canvases. */
function finishDrawing() {
  const drawn = resizing.drawn;
  resizing.drawn = null;
  if (!drawn) return;
  drawn();
  requestOverlay();
}

function prepareSlice() {
  const { cy } = state;
  releaseDrawing();
  const { elements, settle } = resizing.prepare;
  // Added outside a batch: styled now, not all together when the batch ends.
  const slice = cy.add(elements.splice(0, PREPARE_SLICE));
  // Measuring works out the slice's style and (for lines) ends first, then marks the slice changed
  // as its boxes are new: nothing did change, so the marks are taken back, or the next frame works
  // out every line's ends again (a node marked changed marks its lines too).
  slice.boundingBox();
  slice.forEach((ele) => {
    const rstyle = ele._private?.rstyle;
    if (rstyle && ele.pstyle('display').value !== 'none') rstyle.clean = rstyle.cleanConnected = true;
  });
  if (elements.length) return;
  resizing.prepare = null;
  settle();
  // Whatever is left (nothing, normally).
  cy.renderer().flushRenderedStyleQueue();
}

const NUMBER = new Intl.NumberFormat('en');
const count = (n, word) => `${NUMBER.format(n)} ${word}${n === 1 ? '' : 's'}`;

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
  const seed = state.view.seeds.includes(n.id);
  const looks = nodeLooks(n, most);
  return {
    group: 'nodes',
    data: {
      id: n.id,
      label: shortLabel(n.label),
      ...looks,
      size: looks[SIZE_FIELD[state.view.size]],
      shape: NODE_TYPES[n.type]?.shape ?? 'ellipse',
    },
    position: { x: n.x * scale, y: n.y * scale },
    // The type's shape comes from a class (a rule per type): data mapped into the style is
    // applied again on every restyle of the node, and a change of size restyles 2,000 of them.
    classes: [seed ? 'seed' : '', lead.has(n.id) ? 'lead' : '', NODE_TYPES[n.type] ? `t-${n.type}` : ''].join(' '),
  };
}

const yuanOf = (n) => Number(n.yuanGiven ?? 0) + Number(n.yuanReceived ?? 0);
const largestYuan = (nodes) => Math.max(0, ...nodes.map(yuanOf));

/** The data field of a node's size, and of its colour, for each way of sizing and colouring. */
const SIZE_FIELD = { degree: 'sizeDegree', yuan: 'sizeYuan' };
const COLOUR_FIELD = { type: 'colourType', community: 'colourCommunity' };

/**
 * A node's size and colour for every way of sizing and colouring, worked out once when it is drawn:
 * a change of "Size by" or "Colour by" then only picks the field. `most` is the largest yuan drawn.
 */
function nodeLooks(n, most) {
  return {
    sizeDegree: NODE_SIZE.min + NODE_SIZE.degreeStep * Math.sqrt(n.degree ?? 0),
    sizeYuan: NODE_SIZE.min + (most > 0 ? (NODE_SIZE.maxYuan - NODE_SIZE.min) * Math.sqrt(yuanOf(n) / most) : 0),
    colourType: NODE_TYPES[n.type]?.color ?? '#555',
    colourCommunity: communityColour(n.community),
  };
}

const communityColour = (community) => COMMUNITY_COLOURS[(community ?? 0) % COMMUNITY_COLOURS.length];

/**
 * Restyles the drawn nodes for the view's size and colour (positions and selection stay). The
 * page draws the nodes itself (drawNodes): a new colour is only a redraw of their canvas, and
 * Cytoscape is not told. A new size is: the lines' ends move (resizeNodes).
 */
function applyLook() {
  nodesChanged();
  syncLegend();
  resizeNodes();
}

/** A node's size in the view's way of sizing, as the page draws it (Cytoscape's may be catching up: resizeNodes). */
const nodeSize = (node) => Number(node.data(SIZE_FIELD[state.view.size]));

/**
 * Cytoscape's nodes given the view's size, so that the lines end at their new borders and a click
 * hits them as drawn. For 2,000 nodes that is 100–200 ms of restyling every node and working out
 * every line's ends. In a large drawing it is done in tasks of its own while Cytoscape's work is
 * held (holdDrawing): the nodes a slice at a time (resizeSlice). The page's canvas shows the nodes
 * at their new size from the first frame, and the lines' new ends once all are worked out.
 */
const RESIZE_SLICE = 125;
/**
 * What is left: nodes to resize, or the elements of a new drawing to make ready (prepareDrawing);
 * `drawn`, what to do once a new drawing is shown.
 */
const resizing = { queue: null, prepare: null, timer: 0, frame: 0, held: false, drawn: null };

function resizeNodes() {
  const { cy } = state;
  stopResizing();
  const field = SIZE_FIELD[state.view.size];
  const stale = cy.nodes().filter((node) => node.data('size') !== node.data(field));
  if (stale.length <= RESIZE_SLICE) {
    cy.batch(() => stale.forEach((node) => node.data('size', node.data(field))));
    if (stale.nonempty()) linesChanged();
    return;
  }
  resizing.queue = stale;
  holdDrawing();
  // The first slice once the frame showing the nodes at their new size is painted.
  resizing.frame = requestAnimationFrame(() => {
    resizing.frame = 0;
    resizing.timer = setTimeout(resizeStep, 0);
  });
}

function resizeStep() {
  resizing.timer = 0;
  try {
    if (resizing.queue) resizeSlice();
    else if (resizing.prepare) prepareSlice();
  } catch (error) {
    return failSlices(error);
  }
  if (resizing.queue || resizing.prepare) {
    holdDrawing();
    resizing.timer = setTimeout(resizeStep, 0);
    return;
  }
  releaseDrawing();
  // The page's paths made in a task of their own (30–60 ms at 5,000 elements), not in the first frame.
  resizing.timer = setTimeout(() => {
    resizing.timer = 0;
    // Anything made while the drawing was being added (a script asking a node's colour) is partial.
    if (resizing.drawn) drawingChanged();
    try {
      nodePaths();
      linePaths();
    } catch (error) {
      return failSlices(error);
    }
    finishDrawing();
  }, 0);
}

/** A slice that failed: the rest dropped, the drawing shown as it is, and the reason in words. */
function failSlices(error) {
  stopResizing({ drop: true });
  drawingChanged();
  showError('The drawing could not be finished: it is shown as far as it got.', String(error?.message ?? error));
}

function resizeSlice() {
  const { cy } = state;
  // Not held while the sizes are set: a batch still open would restyle them all at its end.
  releaseDrawing();
  const field = SIZE_FIELD[state.view.size];
  const slice = resizing.queue.slice(0, RESIZE_SLICE);
  resizing.queue = resizing.queue.slice(RESIZE_SLICE);
  cy.batch(() => slice.forEach((node) => node.data('size', node.data(field))));
  // The slice's style and boxes and its lines' ends are worked out in this task, not in the frame
  // that draws them; the boxes first, as a box made later marks the node changed once more.
  slice.boundingBox();
  cy.renderer()?.flushRenderedStyleQueue?.();
  if (resizing.queue.nonempty()) return;
  resizing.queue = null;
  linesChanged();
}

/**
 * The slices left stopped. A new drawing's elements not yet added are added at once, and it is
 * shown as it is (the next frame works out the rest), unless it is being replaced (`drop`).
 * Nodes left to resize are resized at once for a picture to save (`finish`), else left to the
 * resize that follows.
 */
function stopResizing({ finish = false, drop = false } = {}) {
  cancelAnimationFrame(resizing.frame);
  clearTimeout(resizing.timer);
  resizing.frame = resizing.timer = 0;
  releaseDrawing();
  const adding = resizing.prepare;
  if (adding && !drop) {
    state.cy.add(adding.elements);
    adding.settle();
    drawingChanged();
  }
  finishDrawing();
  const left = resizing.queue;
  resizing.queue = resizing.prepare = null;
  if (finish && left) {
    const field = SIZE_FIELD[state.view.size];
    state.cy.batch(() => left.forEach((node) => node.data('size', node.data(field))));
    linesChanged();
  }
}

/** Cytoscape works nothing out (styles, lines' ends) while a batch is open, until releaseDrawing. */
function holdDrawing() {
  if (resizing.held) return;
  state.cy.startBatch();
  resizing.held = true;
}

function releaseDrawing() {
  if (!resizing.held) return;
  resizing.held = false;
  state.cy.endBatch();
}

/** Long names are cut in the drawing (the details give them whole): measuring wrapped labels is slow. */
function shortLabel(label) {
  return label.length <= 36 ? label : `${label.slice(0, 34).replace(/[\s,(]+\S*$/, '')}…`;
}

/**
 * The lines' elements. A line that shares its two ends with another (or loops) is curved apart
 * from it; the others are drawn straight, which spares Cytoscape working out curves for thousands.
 */
function lineElements(lines) {
  const pairs = lines.map((l) => (l.source < l.target ? `${l.source}|${l.target}` : `${l.target}|${l.source}`));
  const perPair = new Map();
  for (const pair of pairs) perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
  return lines.map((l, i) => lineElement(l, perPair.get(pairs[i]) > 1 || l.source === l.target));
}

function lineElement(l, curved) {
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
    classes: [l.count > 1 ? 'merged' : '', curved ? 'curved' : ''].join(' '),
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
  stopResizing({ drop: true });
  state.cy.elements().remove();
  overlay.lines = hitIndex.boxes = null;
  overlay.lead = new Set();
  overlay.near = new Set();
  overlay.nodes = null;
  requestOverlay();
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

/**
 * A label's size in the drawing's units at a zoom, as on screen (see LABELS): for saved pictures,
 * which Cytoscape draws with the labels as the screen shows them at the zoom of the moment.
 */
function printFont(ele) {
  const zoom = overlay.printZoom;
  if (ele.isEdge()) return LABELS.edgePx / Math.max(zoom, LABELS.edgeZoom);
  return overlay.lead.has(ele.id()) || overlay.near.has(ele.id())
    ? LABELS.leadPx / zoom
    : LABELS.plainPx / Math.max(zoom, LABELS.plainZoom);
}

function cytoscapeStyle() {
  return [
    // On screen the page's canvases draw the drawing (drawOverlay): Cytoscape keeps the nodes for
    // their shape and size (where the lines end, what a click hits) and draws everything only into
    // saved pictures, the nodes coloured then as the view asks (the print classes).
    { selector: 'node', style: { width: 'data(size)', height: 'data(size)' } },
    ...Object.entries(NODE_TYPES).map(([type, { shape }]) => ({ selector: `node.t-${type}`, style: { shape } })),
    // Labels: on screen the page's own canvas draws them; these styles are for saved pictures.
    {
      selector: 'node.print',
      style: {
        'background-color': 'data(colourType)',
        label: 'data(label)',
        'font-size': printFont,
        'min-zoomed-font-size': LABELS.minPx,
        color: '#1a202c',
        'text-valign': 'bottom',
        'text-margin-y': 2,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 1,
        'text-background-shape': 'roundrectangle',
      },
    },
    { selector: 'node.print.by-community', style: { 'background-color': 'data(colourCommunity)' } },
    { selector: 'node.seed', style: { 'border-width': SEED_BORDER.width, 'border-color': SEED_BORDER.colour, 'font-weight': 'bold' } },
    {
      selector: 'edge',
      style: {
        'line-color': 'data(color)',
        'line-style': 'data(line)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle',
        'arrow-scale': ARROW.scale,
        'curve-style': 'straight',
        width: 'data(width)',
      },
    },
    {
      selector: 'edge.print',
      style: {
        label: 'data(label)',
        'font-size': printFont,
        'min-zoomed-font-size': LABELS.edgeMinPx,
        color: '#2d3748',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 1,
      },
    },
    { selector: 'edge.curved', style: { 'curve-style': 'bezier' } },
    { selector: 'edge.merged', style: { 'line-cap': 'round' } },
    { selector: '.later', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: FADED_OPACITY, 'text-opacity': 0 } },
    // The selection is marked on the page's canvas, not by a style (see drawOverlay).
  ];
}

// ---------------------------------------------------------------- selection and the details panel

// The selection is the page's own (state.selected): Cytoscape's is switched off (autounselectify),
// as selecting there restyles the element (and has its lines worked out again).

function selectNode(id, { open = true } = {}) {
  const node = state.cy.getElementById(id);
  if (!node.length) return;
  state.selected = { kind: 'node', id };
  highlight(node.closedNeighborhood());
  showNode(id);
  if (open) setDrawer('details', true);
}

function selectLine(id, { open = true } = {}) {
  const edge = state.cy.getElementById(id);
  if (!edge.length) return;
  state.selected = { kind: 'line', id, key: state.lines.get(id).key };
  highlight(edge.union(edge.connectedNodes()));
  showLine(id);
  if (open) setDrawer('details', true);
}

/**
 * Marks the selection and labels its neighbours (on the page's canvas), and fades what is not
 * around it; over a large drawing it does not fade (a restyle of every element, and its paths made
 * again, take longer than a click may).
 */
const FADE_UP_TO = 1500;
function highlight(kept) {
  const { cy } = state;
  overlay.near = new Set(kept.nodes().map((n) => n.id()));
  const fade = cy.elements().length <= FADE_UP_TO;
  if (fade || overlay.faded) {
    cy.batch(() => {
      cy.elements().removeClass('faded');
      if (fade) cy.elements().not(kept).addClass('faded');
    });
    overlay.nodes = null;
  }
  overlay.faded = fade;
  requestOverlay();
}

function clearSelection() {
  state.selected = null;
  overlay.near = new Set();
  if (overlay.faded) {
    state.cy.batch(() => state.cy.$('.faded').removeClass('faded'));
    overlay.nodes = null;
  }
  overlay.faded = false;
  requestOverlay();
  showNothing();
  setDrawer('details', false);
}

// ---------------------------------------------------------------- the page's canvas: the drawing itself

/**
 * The page draws the drawing on a canvas of its own: lines, nodes, labels and the mark of the
 * selection, after each frame Cytoscape makes (and when the selection changes). Cytoscape keeps
 * the elements for their geometry (where lines end and curve, what a click hits) and draws them
 * only into saved pictures (PNG, SVG: the `print` class, savePicture).
 * Drawn by Cytoscape, element by element, 2,000 nodes and 3,000 lines took 100–300 ms a frame; it
 * kept them as a cached picture per zoom level, which any restyle threw away and whose rebuilding
 * blocked the page for 100–250 ms after each new drawing, zoom level or change of size. Here the
 * lines and nodes are a few paths (one per look), made again only when the drawing changes, and a
 * frame strokes and fills them (a few milliseconds); labels are written only where on screen and
 * large enough to read.
 */
const overlay = {
  canvas: null,
  /** Ids of the nodes labelled at LABELS.leadPx at every zoom: starting points, busiest nodes. */
  lead: new Set(),
  /** The selection and its neighbours (also labelled at every zoom). */
  near: new Set(),
  /** Whether the rest of the drawing is faded round the selection (a small drawing). */
  faded: false,
  /** The zoom a saved picture's labels are sized for. */
  printZoom: 1,
  frame: 0,
  /** Label widths measured, by font and text. */
  widths: new Map(),
  /** What the last frame wrote: how many node and line labels, the smallest size (px). */
  written: null,
  /** The nodes' paths, made again when they change (nodePaths); null until then. */
  nodes: null,
  /** The lines' paths (linePaths); made again once Cytoscape's elements change (`linesStale`). */
  lines: null,
  linesStale: true,
  /** The canvases under `canvas`, for the lines and the nodes, with the paths and view each shows. */
  layers: null,
};
const SELECTION_COLOUR = '#d69e2e';
/** The starting points' ring, and the opacity of what is faded round a selection (as Cytoscape draws them in saved pictures). */
const SEED_BORDER = { width: 2.5, colour: '#111' };
const FADED_OPACITY = 0.18;
const FONT_FAMILY = 'Helvetica Neue, Helvetica, sans-serif';

function startOverlay(cy) {
  // Three canvases, each drawn again only when what it shows or the view changes: a new selection
  // redraws the labels and the mark (not 3,000 lines), a new colour the nodes. Made once; put
  // back over each new Cytoscape (which empties the container when destroyed), as they were.
  if (!overlay.canvas) {
    const canvas = () => el('canvas', { class: 'overlay-canvas', 'aria-hidden': 'true' });
    overlay.layers = { lines: { canvas: canvas(), drawn: null }, nodes: { canvas: canvas(), drawn: null } };
    overlay.canvas = canvas();
  }
  $('graph').append(overlay.layers.lines.canvas, overlay.layers.nodes.canvas, overlay.canvas);
  // After each frame Cytoscape makes (pan, zoom, restyle, resize), in the same frame.
  cy.on('render', drawOverlay);
  // A line restyled (hidden, faded); a node dragged (in a small drawing), with its lines. Lines
  // added or removed come with new nodes (drawingChanged), nodes resized with resizeNodes. (A
  // click restyles the node it hits: its lines stay.)
  cy.on('style', 'edge', linesChanged);
  cy.on('position', 'node', drawingChanged);
}

/** A redraw of the page's canvas alone, on the next frame (Cytoscape may have nothing to draw). */
function requestOverlay() {
  if (overlay.frame) return;
  overlay.frame = requestAnimationFrame(() => {
    overlay.frame = 0;
    drawOverlay();
  });
}

/** A canvas of the page's sized to the drawing (which clears it), ready to draw in CSS pixels, and cleared. */
function clearCanvas(canvas, w, h, ratio) {
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

/** A layer (lines, nodes) drawn again if its paths or the view changed since it was last drawn. */
function drawLayer(layer, paths, view, [w, h, ratio, zoom, pan], draw) {
  if (layer.drawn?.paths === paths && layer.drawn.view === view) return;
  draw(clearCanvas(layer.canvas, w, h, ratio), ratio, zoom, pan, paths);
  layer.drawn = { paths, view };
}

function drawOverlay() {
  // A new drawing being made ready (prepareDrawing): the canvases keep the one before.
  if (resizing.drawn) return;
  const { cy } = state;
  const ratio = window.devicePixelRatio || 1;
  const [w, h] = [cy.width(), cy.height()];
  const ctx = clearCanvas(overlay.canvas, w, h, ratio);
  // What the frame wrote (for scripts and tests: the canvas itself cannot be read back as text).
  const written = (overlay.written = { nodeLabels: 0, lineLabels: 0, smallestPx: null });
  const wrote = (kind, px) => {
    written[kind]++;
    written.smallestPx = Math.min(written.smallestPx ?? px, px);
  };
  const zoom = cy.zoom();
  const pan = cy.pan();
  const view = [w, h, ratio, zoom, pan.x, pan.y].join(' ');
  const empty = !state.nodes.size;
  drawLayer(overlay.layers.lines, empty ? null : linePaths(), view, [w, h, ratio, zoom, pan], drawLines);
  drawLayer(overlay.layers.nodes, empty ? null : nodePaths(), view, [w, h, ratio, zoom, pan], drawNodes);
  if (empty) return;
  const { x1, y1, x2, y2 } = cy.extent();
  const shown = (ele) => ele.length > 0 && !ele.removed() && !ele.hasClass('later');
  const s = state.selected;
  const selected = s ? cy.getElementById(s.id) : null;
  const marked = selected && shown(selected) ? selected : null;
  // A selected node's lines, drawn again over the rest (under the labels).
  if (marked?.isNode() && !overlay.faded) marked.connectedEdges().forEach((e) => shown(e) && strokeLine(ctx, e, 0, null));

  // Line labels, from zoom 0.8 (under the node labels, as Cytoscape draws them).
  const edgePx = LABELS.edgePx * Math.min(1, zoom / LABELS.edgeZoom);
  if (edgePx >= LABELS.edgeMinPx) {
    for (const l of linePaths().labels) {
      if (l.x < x1 || l.x > x2 || l.y < y1 || l.y > y2) continue;
      drawLabel(ctx, l.text, l.x * zoom + pan.x, l.y * zoom + pan.y, false, edgePx, '#2d3748', 'middle');
      wrote('lineLabels', edgePx);
    }
  }

  // Node labels: ordinary ones when large enough, then those kept at every zoom, on top.
  const margin = 200 / zoom;
  const nodeLabel = (n, px) => {
    if (n.x < x1 - margin || n.x > x2 + margin || n.y < y1 - margin || n.y > y2 + margin) return;
    drawLabel(ctx, n.text, n.x * zoom + pan.x, (n.y + n.below) * zoom + pan.y, n.bold, px, '#1a202c', 'top');
    wrote('nodeLabels', px);
  };
  const { labels } = nodePaths();
  const plainPx = LABELS.plainPx * Math.min(1, zoom / LABELS.plainZoom);
  const kept = new Set([...overlay.lead, ...overlay.near]);
  if (plainPx >= LABELS.minPx) for (const [id, n] of labels) if (!kept.has(id)) nodeLabel(n, plainPx);
  for (const id of kept) if (labels.has(id)) nodeLabel(labels.get(id), LABELS.leadPx);
  if (marked) markSelection(ctx, marked);
}

/** The nodes' drawing changed (sizes, colours, places, which are faded or hidden): made again for the next frame. */
function nodesChanged() {
  overlay.nodes = null;
  requestOverlay();
}

/** Nodes and lines changed (hidden, shown, added). */
function drawingChanged() {
  overlay.linesStale = true;
  nodesChanged();
}

function linesChanged() {
  overlay.linesStale = true;
  requestOverlay();
}

/** Cytoscape's arrowhead: a triangle 0.3 of its size long and as wide, its size from the line's width. */
const ARROW = { scale: 0.7, length: 0.3, halfWidth: 0.15 };
const arrowSize = (width) => Math.max((width * 13.37) ** 0.9, 29) * ARROW.scale;
/** Cytoscape's dashes, in the drawing's units. */
const DASHES = { dashed: [6, 3], dotted: [1, 1] };

/**
 * The lines as the page draws them, in the drawing's units: one path for each look (opacity,
 * colour, dashes, width, ends) and one of arrowheads for each colour, from the ends and curves
 * Cytoscape worked out for each line (its rscratch: what a click is tested against). Kept while
 * Cytoscape's work is held (a change of size or a new drawing being made ready): its lines' ends
 * are half worked out then, and the page shows the lines as they were.
 */
function linePaths() {
  const { cy } = state;
  if (overlay.lines && (!overlay.linesStale || cy.batching())) return overlay.lines;
  const shown = cy.edges().filter((edge) => !edge.hasClass('later'));
  // Lines Cytoscape has not worked out yet (a small drawing before its first frame, a node just
  // resized): now, once.
  cy.renderer()?.flushRenderedStyleQueue?.();
  cy.renderer()?.recalculateRenderedStyle?.(shown);
  const strokes = new Map();
  const arrows = new Map();
  const labels = [];
  const group = (groups, key, make) => {
    if (!groups.has(key)) groups.set(key, make());
    return groups.get(key);
  };
  shown.forEach((edge) => {
    const rs = edge._private?.rscratch;
    const pts = rs?.allpts;
    if (!pts || pts.length < 4 || rs.badLine) return;
    const width = Number(edge.data('width'));
    const colour = edge.data('color');
    const opacity = edge.hasClass('faded') ? FADED_OPACITY : 1;
    const cap = edge.hasClass('merged') ? 'round' : 'butt';
    const key = [opacity, colour, edge.data('line'), width, cap].join(' ');
    const path = group(strokes, key, () =>
      Object.assign(new Path2D(), { opacity, colour, dash: DASHES[edge.data('line')] ?? [], width, cap }),
    );
    const text = edge.data('label');
    if (text && opacity === 1) labels.push({ x: rs.midX, y: rs.midY, text });
    path.moveTo(pts[0], pts[1]);
    if (rs.edgeType === 'straight') for (let i = 2; i + 1 < pts.length; i += 2) path.lineTo(pts[i], pts[i + 1]);
    else for (let i = 2; i + 3 < pts.length; i += 4) path.quadraticCurveTo(pts[i], pts[i + 1], pts[i + 2], pts[i + 3]);
    const [x, y, angle] = [rs.arrowEndX, rs.arrowEndY, rs.tgtArrowAngle];
    if (![x, y, angle].every(Number.isFinite)) return;
    const heads = group(arrows, `${opacity} ${colour}`, () => Object.assign(new Path2D(), { opacity, colour }));
    const size = arrowSize(width);
    const [cos, sin] = [Math.cos(angle) * size, Math.sin(angle) * size];
    // The tip at (0, 0), the back corners at (±halfWidth, −length), turned to the line and scaled.
    const corner = (u, v) => [x + u * cos - v * sin, y + u * sin + v * cos];
    heads.moveTo(x, y);
    heads.lineTo(...corner(-ARROW.halfWidth, -ARROW.length));
    heads.lineTo(...corner(ARROW.halfWidth, -ARROW.length));
    heads.closePath();
  });
  // What is faded first, under the rest.
  const under = (a, b) => a.opacity - b.opacity;
  overlay.lines = { strokes: [...strokes.values()].sort(under), arrows: [...arrows.values()].sort(under), labels };
  overlay.linesStale = false;
  return overlay.lines;
}

/** The lines, under the nodes (`paths`: linePaths; null, none). */
function drawLines(ctx, ratio, zoom, pan, paths) {
  if (!paths) return;
  const { strokes, arrows } = paths;
  ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * pan.x, ratio * pan.y);
  for (const path of strokes) {
    ctx.globalAlpha = path.opacity;
    ctx.strokeStyle = path.colour;
    ctx.lineWidth = path.width;
    ctx.lineCap = path.cap;
    ctx.setLineDash(path.dash);
    ctx.stroke(path);
  }
  ctx.setLineDash([]);
  for (const path of arrows) {
    ctx.globalAlpha = path.opacity;
    ctx.fillStyle = path.colour;
    ctx.fill(path);
  }
  ctx.globalAlpha = 1;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
}

/**
 * The nodes as the page draws them, in the drawing's units: one path for each colour (faded or
 * not) and one of the starting points' rings, so that a frame fills a handful of paths whatever
 * the number of nodes. Each outline is drawn by Cytoscape's own shape functions at the node's
 * size, so that the lines end on it and a click hits what is seen.
 */
function nodePaths() {
  if (overlay.nodes) return overlay.nodes;
  const { cy } = state;
  const shapes = cy.renderer()?.nodeShapes ?? {};
  const field = COLOUR_FIELD[state.view.colour];
  const fills = new Map();
  const rings = new Map();
  const colours = new Map();
  // Each shown node's label, where it is written (below the node), for the frames to come.
  const labels = new Map();
  // Outlines by shape and size, at the origin: placed on each node with a translation.
  const outlines = new Map();
  const add = (groups, key, path, at) => {
    if (!groups.has(key)) groups.set(key, new Path2D());
    groups.get(key).addPath(path, at);
  };
  cy.nodes().forEach((node) => {
    if (node.hasClass('later')) return;
    const shape = node.data('shape');
    const size = nodeSize(node);
    let outline = outlines.get(`${shape} ${size}`);
    if (!outline) {
      outline = new Path2D();
      (shapes[shape] ?? shapes.ellipse)?.draw(outline, 0, 0, size, size, 'auto', {});
      outlines.set(`${shape} ${size}`, outline);
    }
    const { x, y } = node.position();
    const at = new DOMMatrix([1, 0, 0, 1, x, y]);
    const opacity = node.hasClass('faded') ? FADED_OPACITY : 1;
    const colour = node.data(field);
    colours.set(node.id(), colour);
    add(fills, `${opacity} ${colour}`, outline, at);
    const seed = node.hasClass('seed');
    if (seed) add(rings, opacity, outline, at);
    if (opacity === 1)
      labels.set(node.id(), { x, y, below: (size + (seed ? SEED_BORDER.width : 0)) / 2 + 2, text: node.data('label'), bold: seed });
  });
  // What is faded first, under the rest.
  const under = ([a], [b]) => parseFloat(a) - parseFloat(b);
  overlay.nodes = { fills: [...fills].sort(under), rings: [...rings].sort(under), colours, labels };
  return overlay.nodes;
}

/** The nodes, over the lines and under the labels and the selection's mark. */
function drawNodes(ctx, ratio, zoom, pan, paths) {
  if (!paths) return;
  const { fills, rings } = paths;
  ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * pan.x, ratio * pan.y);
  for (const [key, path] of fills) {
    const [opacity, colour] = key.split(' ');
    ctx.globalAlpha = Number(opacity);
    ctx.fillStyle = colour;
    ctx.fill(path);
  }
  ctx.lineWidth = SEED_BORDER.width;
  ctx.strokeStyle = SEED_BORDER.colour;
  ctx.setLineDash([]);
  for (const [opacity, path] of rings) {
    ctx.globalAlpha = opacity;
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
}

/** The colour a node is drawn in (for scripts and tests: the canvas cannot be read back by node). */
function nodeColour(id) {
  return nodePaths().colours.get(id) ?? null;
}

/** The selection's mark, over everything: a ring round a node, a glow along a line. */
function markSelection(ctx, selected) {
  if (selected.isEdge()) {
    ctx.globalAlpha = 0.45;
    strokeLine(ctx, selected, 8, SELECTION_COLOUR);
    ctx.globalAlpha = 1;
    return;
  }
  const at = selected.renderedPosition();
  const radius = Math.max(6, Math.max(selected.renderedOuterWidth(), selected.renderedOuterHeight()) / 2 + 3);
  ctx.beginPath();
  ctx.arc(at.x, at.y, radius, 0, 2 * Math.PI);
  ctx.lineWidth = 3;
  ctx.strokeStyle = SELECTION_COLOUR;
  ctx.setLineDash([]);
  ctx.stroke();
}

/** A line's path, as Cytoscape draws it (straight, or a chain of quadratic curves), stroked. */
function strokeLine(ctx, edge, extra, colour) {
  // Model positions to the screen's (the rendered forms fail on a straight line's control points).
  const zoom = state.cy.zoom();
  const pan = state.cy.pan();
  const screen = (p) => ({ x: p.x * zoom + pan.x, y: p.y * zoom + pan.y });
  const from = screen(edge.sourceEndpoint());
  const to = screen(edge.targetEndpoint());
  const controls = (edge.controlPoints() ?? []).map(screen);
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  controls.forEach((c, i) => {
    const next = controls[i + 1];
    const end = next ? { x: (c.x + next.x) / 2, y: (c.y + next.y) / 2 } : to;
    ctx.quadraticCurveTo(c.x, c.y, end.x, end.y);
  });
  if (!controls.length) ctx.lineTo(to.x, to.y);
  const width = Number(edge.data('width')) * zoom;
  ctx.lineWidth = Math.max(1.5, width) + extra;
  ctx.lineCap = colour || edge.hasClass('merged') ? 'round' : 'butt';
  ctx.strokeStyle = colour ?? edge.data('color');
  // Dashed as on the lines' canvas (DASHES are in the drawing's units).
  ctx.setLineDash(colour ? [] : (DASHES[edge.data('line')] ?? []).map((d) => d * zoom));
  ctx.stroke();
}

const WIDTH_PX = 100;
const labelFont = (bold, px) => `${bold ? 'bold ' : ''}${px}px ${FONT_FAMILY}`;

/** A label as Cytoscape writes one: centred on x, its top (or middle) at y, on a white ground. */
function drawLabel(ctx, text, x, y, bold, px, colour, baseline) {
  if (!text) return;
  // Measured once at WIDTH_PX and scaled: a text's width is proportional to its size, and the size
  // changes with every step of a zoom (measuring hundreds of labels again took 20–30 ms a frame).
  const key = `${bold}|${text}`;
  if (!overlay.widths.has(key)) {
    ctx.font = labelFont(bold, WIDTH_PX);
    overlay.widths.set(key, ctx.measureText(text).width);
  }
  const width = (overlay.widths.get(key) * px) / WIDTH_PX;
  const font = labelFont(bold, px);
  const height = px * 1.2;
  const top = baseline === 'top' ? y : y - height / 2;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.beginPath();
  ctx.roundRect(x - width / 2 - 1, top - 1, width + 2, height + 2, 2);
  ctx.fill();
  ctx.font = font;
  ctx.fillStyle = colour;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x, top + height / 2);
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
  // A panel left from a drawing replaced since: its line is not drawn any more.
  if (![...state.lines.values()].some((l) => l.key === key)) return;
  if (separate) state.separate.add(key);
  else state.separate.delete(key);
  const edges = [...state.lines.values()].flatMap((l) => l.facts);
  const lines = M.mergeEdges(edges, state.separate, state.counted);
  state.lines = new Map(lines.map((l) => [l.id, l]));
  // A drawing still being made is made whole first (its lines are replaced), and nodes being
  // resized are resized at once.
  stopResizing({ finish: true });
  state.cy.batch(() => {
    state.cy.edges().remove();
    state.cy.add(lineElements(lines));
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
  $('hops').value = String(v.hops);
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
    hops: Number($('hops').value),
    relations: M.RELATIONS.filter((r) => $(`rel-${r}`).checked),
  };
}

function updateDownloads() {
  const v = state.view;
  const q = new URLSearchParams({ seeds: v.seeds.join(','), relations: v.relations.join(','), perNodeLimit: String(v.limit) });
  if (v.hops !== 1) q.set('hops', String(v.hops));
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
function showYear(year, { fresh = false } = {}) {
  const { cy } = state;
  // A drawing still being added to is made whole first (its settle shows every year, fresh).
  if (!fresh && resizing.prepare) stopResizing();
  state.timeline.year = year;
  const span = { from: state.view.from, to: year ?? state.view.to };
  // A new drawing of every year is shown as it was made: nothing to hide or relabel (50 ms at 5,000 elements).
  if (!(fresh && span.from === null && span.to === null))
    cy.batch(() => {
      cy.$('.later').removeClass('later');
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
  drawingChanged();
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
  // A drawing still being added to is made whole first (its settle stops any timeline).
  if (resizing.prepare) stopResizing();
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
function stopTimeline({ fresh = false } = {}) {
  pause();
  showYear(null, { fresh });
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
  const name = `pairing-graph-${(state.names.get(state.view.seeds[0]) ?? 'drawing').replace(/\W+/g, '-').toLowerCase()}.${kind}`;
  // A change of size under way is finished first: the picture shows the nodes at their new size.
  stopResizing({ finish: true });
  // Cytoscape draws the labels into the picture, sized as the screen shows them now (printFont);
  // the class is on only while the picture is made, within this task: the screen never shows it.
  overlay.printZoom = cy.zoom();
  cy.batch(() => {
    cy.elements().addClass('print');
    if (state.view.colour === 'community') cy.nodes().addClass('by-community');
  });
  try {
    const box = cy.elements().boundingBox();
    // Up to 4,000 pixels a side, twice the screen's scale for a small drawing.
    const scale = Math.min(2, 4000 / Math.max(box.w, box.h, 1));
    if (kind === 'png') {
      const blob = cy.png({ output: 'blob', full: true, scale, bg: '#ffffff' });
      save(blob, name);
    } else save(new Blob([cy.svg({ full: true, scale, bg: '#ffffff' })], { type: 'image/svg+xml' }), name);
  } finally {
    cy.batch(() => cy.elements().removeClass('print by-community'));
  }
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
    // The page keeps the selection (state.selected) and marks it on its own canvas (drawOverlay).
    autounselectify: true,
    motionBlur: false,
  });
  tuneRenderer(cy);
  startOverlay(cy);
  cy.on('tap', 'node', (ev) => selectNode(ev.target.id()));
  cy.on('dbltap', 'node', (ev) => expand(ev.target.id()));
  cy.on('tap', 'edge', (ev) => selectLine(ev.target.id()));
  cy.on('tap', (ev) => {
    if (ev.target === cy) clearSelection();
  });
  return cy;
}

/**
 * A new Cytoscape for a new drawing, the one before destroyed: removing its 5,000 elements one by
 * one (an event for each, each line's parallels looked up) took 40–70 ms of the drawing's first
 * task; a new one takes 5–10 ms.
 */
function newCytoscape() {
  state.cy?.destroy();
  state.cy = startCytoscape();
  return state.cy;
}

/**
 * Changes to Cytoscape's canvas renderer (3.x), each found by profiling a drawing of 2,000 nodes
 * and 3,000 lines (npm run bench:explorer; docs/PERFORMANCE.md, "Explorer"):
 *
 * - On screen it draws nothing: the page draws the drawing (drawOverlay). Saved pictures are
 *   drawn element by element (its drawElements), which stays as it is.
 * - A pressed node or line is made `:active`, a change of state that restyles it (and has its
 *   lines worked out again). The page gives `:active` no look, so the state is not kept.
 * - To find what is under the pointer, on every mouse move, press and release, Cytoscape tests each
 *   element in turn (40 ms for 5,000). It is given only the elements whose box is near the pointer.
 *
 * Each reaches into the renderer and is left out if the renderer does not have what it changes.
 */
const HIT_INDEX_FROM = 300;
/** The elements' boxes for finding what is under the pointer; dropped with the drawing (render, clearDrawing). */
const hitIndex = { boxes: null };
function tuneRenderer(cy) {
  const proto = Object.getPrototypeOf(cy.collection());
  if (typeof proto.activate === 'function') proto.activate = proto.unactivate = noActiveState;
  const renderer = cy.renderer();
  for (const onScreen of ['drawLayeredElements', 'drawCachedElements', 'drawCachedNodes']) {
    if (typeof renderer?.[onScreen] === 'function') renderer[onScreen] = () => {};
  }
  // An element's box (for finding what is under the pointer) changes with its place and look, and
  // a node's lines with it: forgotten, measured again when next needed (a click restyles the node
  // it hits). Elements added or removed make a new sorted list (boxes.all), and a new index; a new
  // drawing drops it, so that its elements, added one slice at a time, forget nothing.
  cy.on('position style', (ev) => {
    const { boxes } = hitIndex;
    if (!boxes) return;
    boxes.delete(ev.target);
    if (ev.target.isNode()) ev.target.connectedEdges().forEach((edge) => boxes.delete(edge));
  });
  const findNearest = renderer?.findNearestElements;
  const sorted = renderer?.getCachedZSortedEles;
  if (typeof findNearest === 'function' && typeof sorted === 'function') {
    renderer.findNearestElements = function (x, y, interactiveOnly, isTouch) {
      const all = sorted.call(this);
      if (all.length < HIT_INDEX_FROM || !Array.isArray(all.interactive)) return findNearest.call(this, x, y, interactiveOnly, isTouch);
      if (!hitIndex.boxes || hitIndex.boxes.all !== all) {
        hitIndex.boxes = new Map(all.map((ele) => [ele, ele.boundingBox()]));
        hitIndex.boxes.all = all;
      }
      const { boxes } = hitIndex;
      // Cytoscape's widest reach: a line within 8 px of a mouse (24 px of a finger).
      const reach = (isTouch ? 24 : 8) / cy.zoom() + 1;
      const near = (ele) => {
        let b = boxes.get(ele);
        if (!b) boxes.set(ele, (b = ele.boundingBox()));
        return x >= b.x1 - reach && x <= b.x2 + reach && y >= b.y1 - reach && y <= b.y2 + reach;
      };
      const candidates = all.filter(near);
      candidates.interactive = all.interactive.filter(near);
      const own = this.getCachedZSortedEles;
      this.getCachedZSortedEles = () => candidates;
      try {
        return findNearest.call(this, x, y, interactiveOnly, isTouch);
      } finally {
        this.getCachedZSortedEles = own;
      }
    };
  }
}

function noActiveState() {
  return this;
}

function listen() {
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = $('search').value.trim();
    if (text) runSearch(text);
  });
  for (const id of ['year', 'from', 'to', 'size', 'colour', 'limit', 'hops'])
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
  new ResizeObserver(() => state.cy.resize()).observe($('graph'));
  listen();
  // The legend starts open where there is room for it.
  $('legend').open = matchMedia('(min-width: 760px)').matches;
  const view = M.parseView(location.search);
  state.selected = view.seeds.length === 1 ? { kind: 'node', id: view.seeds[0] } : null;
  showView(view);
  // For scripts and tests: the state, and what the page's canvas wrote (explorer.overlay.written).
  state.overlay = overlay;
  state.nodeColour = nodeColour;
  window.explorer = state;
}

init();
