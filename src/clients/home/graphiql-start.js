// The GraphQL editor: GraphiQL (its npm package's UMD build, on React's UMD build) against this
// server's /graphql, with the README's examples in a side panel, each opening in a new tab.
/* global React, ReactDOM, GraphiQL */
'use strict';

const h = React.createElement;
const WELCOME = `# The GraphQL editor of pairing-graph. Run a query with ▶ (or Ctrl-Enter).
# The README's examples are in the panel on the left; Docs lists every type and field.
`;
const FALLBACK_QUERY = '{\n  search(query: "Qingchuan", first: 3) { node { ... on Place { id name } } }\n}\n';

async function loadExamples() {
  try {
    const res = await fetch('/graphiql/examples.json');
    return res.ok ? await res.json() : [];
  } catch {
    return [];
  }
}

function ListIcon() {
  return h(
    'svg',
    { viewBox: '0 0 24 24', width: '1em', height: '1em', 'aria-hidden': 'true', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 },
    h('path', { d: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01', strokeLinecap: 'round' }),
  );
}

/** The side panel listing the examples; a click opens one in a new tab (the link alone reloads the page with it). */
function examplesPlugin(examples) {
  function ExamplesPanel() {
    const editor = GraphiQL.React.useEditorContext({ nonNull: true });
    const open = (event, index) => {
      event.preventDefault();
      editor.addTab();
      // The new tab's (empty) query is set as React renders it; the example is written after that.
      setTimeout(() => editor.queryEditor?.setValue(examples[index].query), 0);
      history.replaceState(null, '', `/graphiql?example=${index}`);
    };
    return h(
      'section',
      { className: 'examples-plugin', 'aria-label': 'README examples' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
      h('p', null, 'The README’s questions. Each opens in a new tab; run it with ▶ or Ctrl-Enter.'),
      examples.length
        ? h(
            'ol',
            null,
            examples.map((example, index) =>
              h(
                'li',
                { key: index },
                h('a', { href: `/graphiql?example=${index}`, onClick: (event) => open(event, index) }, example.title),
                h('p', null, example.section),
              ),
            ),
          )
        : h('p', null, 'The examples could not be loaded.'),
    );
  }
  return { title: 'Examples', icon: ListIcon, content: ExamplesPanel };
}

async function start() {
  const examples = await loadExamples();
  const asked = new URLSearchParams(location.search).get('example');
  const chosen = asked && /^\d+$/.test(asked) ? examples[Number(asked)]?.query : undefined;
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    h(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: '/graphql' }),
      // A first visit opens on the welcome note and the first example; later ones on the tabs kept.
      defaultTabs: [{ query: WELCOME + (examples[0]?.query ?? FALLBACK_QUERY) }],
      query: chosen,
      plugins: [examplesPlugin(examples)],
    }),
  );
  if (matchMedia('(min-width: 900px)').matches) showExamplesPanel();
}

/**
 * Opens the examples panel once GraphiQL has drawn its sidebar. GraphiQL's own `visiblePlugin`
 * prop marks the panel open without sizing it (it stays hidden), so its button is pressed instead.
 */
function showExamplesPanel(tries = 50) {
  const button = document.querySelector('.graphiql-sidebar button[aria-label="Show Examples"]');
  if (button) button.click();
  else if (tries > 0) setTimeout(() => showExamplesPanel(tries - 1), 50);
}

start();
