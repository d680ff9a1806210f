/** `npm run lint:cypher`: every Cypher file against Neo4j's front end; any diagnostic fails. */
import { allStatements } from '../store/cypher-files.js';
import { lintStatements } from '../store/cypher-lint.js';

const statements = [...allStatements().values()];
const problems = await lintStatements(statements);
for (const p of problems) console.error(`${p.file}:${p.line}:${p.column} ${p.message}`);
console.log(`${statements.length} Cypher files linted, ${problems.length} problem(s)`);
process.exitCode = problems.length ? 1 : 0;
