// The home page's list of example questions: the README's GraphQL examples, each opening in the
// GraphQL editor (/graphiql?example=N).
'use strict';

async function listExamples() {
  const list = document.getElementById('examples');
  try {
    const res = await fetch('/graphiql/examples.json');
    if (!res.ok) throw new Error(String(res.status));
    const examples = await res.json();
    list.replaceChildren(...examples.map(exampleItem));
  } catch {
    const li = document.createElement('li');
    li.textContent = 'The examples could not be loaded; the GraphQL editor still works.';
    list.replaceChildren(li);
  }
  list.removeAttribute('aria-busy');
}

function exampleItem(example, index) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `/graphiql?example=${index}`;
  a.textContent = example.title;
  li.append(a);
  if (example.section) {
    const section = document.createElement('span');
    section.className = 'section';
    section.textContent = ` (${example.section})`;
    li.append(section);
  }
  return li;
}

listExamples();
