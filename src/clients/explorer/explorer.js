// The explorer page: search, draw a neighbourhood, expand by clicking, filter, read an edge's
// quote, download. It uses only the public GraphQL API (and the /export downloads).
'use strict';

const RELATIONS = ['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT', 'TITLE', 'PART_OF', 'LOCATED_IN', 'SPONSOR'];
const DEFAULT_ON = new Set(['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT', 'PART_OF']);
const COLORS = { Place: '#2b6cb0', Official: '#c05621', Organisation: '#2f855a', Enterprise: '#6b46c1', Project: '#b7791f' };
const EDGE_COLORS = {
  PAIRING: '#c53030',
  DONATION: '#2f855a',
  VISIT: '#dd6b20',
  MEETING: '#805ad5',
  AGREEMENT: '#718096',
  TITLE: '#a0aec0',
  PART_OF: '#cbd5e0',
  LOCATED_IN: '#cbd5e0',
  SPONSOR: '#b7791f',
};

const state = { seeds: [], cy: null, last: null };
const $ = (id) => document.getElementById(id);

async function gql(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

function showStatus(text) {
  $('status').textContent = text;
}

function filters() {
  const relations = RELATIONS.filter((r) => $(`rel-${r}`).checked);
  const year = $('year').value ? Number($('year').value) : null;
  return { relations, year, perNodeLimit: Number($('limit').value) };
}

const SUBGRAPH = `query($input: SubgraphInput!) {
  subgraph(input: $input) {
    truncated omittedEdges omittedNodes
    nodes { id type label kind level code x y size community degree yuanReceived }
    edges { id source target type label yuan shared year dateStart dateEnd level status provenance { quote start end document { id year title } } }
  }
}`;

async function draw() {
  if (!state.seeds.length) return;
  const f = filters();
  showStatus('Loading…');
  const { subgraph } = await gql(SUBGRAPH, {
    input: { seeds: state.seeds, hops: 1, relations: f.relations, year: f.year, perNodeLimit: f.perNodeLimit },
  });
  const elements = [
    ...subgraph.nodes.map((n) => ({
      group: 'nodes',
      data: { ...n, color: COLORS[n.type] || '#555', seed: state.seeds.includes(n.id) ? 1 : 0 },
      position: { x: n.x * 10, y: n.y * 10 },
    })),
    ...subgraph.edges.map((e) => ({ group: 'edges', data: { ...e, color: EDGE_COLORS[e.type] || '#999' } })),
  ];
  state.cy.elements().remove();
  state.cy.add(elements);
  state.cy.layout({ name: 'preset', fit: true, padding: 30 }).run();
  const omitted = subgraph.truncated ? ` — ${subgraph.omittedEdges} more connections not shown (raise “Per node”)` : '';
  showStatus(`${subgraph.nodes.length} nodes, ${subgraph.edges.length} edges${omitted}`);
  updateDownloads();
  document.body.dataset.drawn = String(subgraph.nodes.length);
}

function updateDownloads() {
  const f = filters();
  const q = new URLSearchParams({ seeds: state.seeds.join(','), relations: f.relations.join(','), perNodeLimit: String(f.perNodeLimit) });
  if (f.year) q.set('year', String(f.year));
  $('downloads').innerHTML = '';
  for (const [format, name] of [
    ['cytoscape', 'Cytoscape.js'],
    ['graphology', 'graphology / sigma.js'],
    ['gexf', 'GEXF (Gephi)'],
    ['graphml', 'GraphML'],
  ]) {
    const a = document.createElement('a');
    a.href = `/export/${format}?${q}`;
    a.textContent = name;
    a.setAttribute('download', '');
    $('downloads').appendChild(a);
  }
}

function showNode(d) {
  $('details-title').textContent = d.label;
  const rows = [
    ['type', d.type],
    ['kind', d.kind],
    ['code', d.code],
    ['degree', d.degree],
    ['yuan received', d.yuanReceived],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '0');
  $('details-body').innerHTML = `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(String(v))}</dd>`).join('')}</dl>`;
}

function showEdge(d) {
  $('details-title').textContent = `${d.type.toLowerCase().replace('_', ' ')}: ${d.label}`;
  const p = d.provenance;
  const when = d.dateStart ? `${d.dateStart}${d.dateEnd ? ` – ${d.dateEnd}` : ''}` : d.year || '';
  const money = d.yuan ? `<p>${Number(d.yuan).toLocaleString('en')} yuan${d.shared ? ' (joint)' : ''}</p>` : '';
  $('details-body').innerHTML =
    `${when ? `<p>${escapeHtml(String(when))}</p>` : ''}${money}` +
    (p
      ? `<blockquote id="quote">${escapeHtml(p.quote)}</blockquote><p><small>${escapeHtml(p.document.title)} (${p.document.year}), characters ${p.start}–${p.end}</small></p>`
      : '<p>No quote: a structural link.</p>');
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

async function search(text) {
  const { search } = await gql(
    `query($q: String!) { search(query: $q, first: 10) { score matched node { __typename ... on Place { id name } ... on Official { id name } ... on Organisation { id name } ... on Enterprise { id name } ... on Project { id name } } } }`,
    { q: text },
  );
  const ul = $('results');
  ul.innerHTML = '';
  for (const hit of search) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.innerHTML = `${escapeHtml(hit.node.name)} <small>${hit.node.__typename}</small>`;
    b.addEventListener('click', () => {
      state.seeds = [hit.node.id];
      draw().catch((e) => showStatus(e.message));
    });
    li.appendChild(b);
    ul.appendChild(li);
  }
  if (!search.length) ul.innerHTML = '<li>No match</li>';
  return search;
}

function init() {
  for (const r of RELATIONS) {
    const label = document.createElement('label');
    label.innerHTML = `<input type="checkbox" id="rel-${r}" ${DEFAULT_ON.has(r) ? 'checked' : ''}> ${r.toLowerCase().replace('_', ' ')}`;
    $('relations').appendChild(label);
  }
  state.cy = cytoscape({
    container: $('graph'),
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          label: 'data(label)',
          width: 'data(size)',
          height: 'data(size)',
          'font-size': 8,
          'text-valign': 'bottom',
          'text-wrap': 'ellipsis',
          'text-max-width': 120,
        },
      },
      { selector: 'node[seed = 1]', style: { 'border-width': 2, 'border-color': '#111' } },
      {
        selector: 'edge',
        style: {
          'line-color': 'data(color)',
          'target-arrow-color': 'data(color)',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          width: 1.5,
          'arrow-scale': 0.6,
        },
      },
      { selector: ':selected', style: { 'overlay-opacity': 0.2, 'overlay-color': '#000' } },
    ],
    wheelSensitivity: 0.3,
  });
  state.cy.on('tap', 'node', (ev) => {
    const d = ev.target.data();
    showNode(d);
    if (!state.seeds.includes(d.id)) {
      state.seeds.push(d.id);
      draw().catch((e) => showStatus(e.message));
    }
  });
  state.cy.on('tap', 'edge', (ev) => showEdge(ev.target.data()));
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = $('search').value.trim();
    if (text)
      search(text)
        .then((hits) => {
          if (hits[0]) {
            state.seeds = [hits[0].node.id];
            return draw();
          }
        })
        .catch((e) => showStatus(e.message));
  });
  for (const id of ['year', 'limit']) $(id).addEventListener('change', () => draw().catch((e) => showStatus(e.message)));
  $('relations').addEventListener('change', () => draw().catch((e) => showStatus(e.message)));
  const seed = new URLSearchParams(location.search).get('seed');
  if (seed) {
    state.seeds = [seed];
    draw().catch((e) => showStatus(e.message));
  }
  window.explorer = state;
}

init();
