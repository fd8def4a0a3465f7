// Lint linkgraph's Cypher with Neo4j's own parser and semantic checks (offline).
//
//   node tools/cypher-lint/lint.mjs                 lint every cypher/*.cypher
//   node tools/cypher-lint/lint.mjs FILE|DIR ...    lint the given files or folders
//   node tools/cypher-lint/lint.mjs --stdin         lint a JSON array of query strings from stdin
//   --queries=FILE.json                              also lint a JSON array of query strings from FILE
//   --cypher=5 or --cypher=25                        lint under one Cypher version only (default: both)
//
// Every query must be exactly one statement and lint clean under CYPHER 5 and CYPHER 25
// against gds-schema.json (graph model + the GDS/DBMS procedures and functions we call).
// Diagnostics about parameters ($rows, ...) are ignored: they are bound at run time.
// Exit status: 0 clean, 1 any diagnostic, 2 usage or setup error.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const ALL_VERSIONS = ['CYPHER 5', 'CYPHER 25'];
let VERSIONS = ALL_VERSIONS;

function loadSchema() {
  const spec = JSON.parse(readFileSync(join(here, 'gds-schema.json'), 'utf8'));
  // Cypher's built-in functions (coalesce, labels, count, ...) come from the package's own
  // registry; everything else (GDS, dbms.*) must be listed in gds-schema.json.
  const builtins = (version) =>
    Object.fromEntries(
      Object.entries(testData.mockSchema.functions[version] ?? {}).filter(([, f]) => f.isBuiltIn),
    );
  const perVersion = (make) => Object.fromEntries(ALL_VERSIONS.map((v) => [v, make(v)]));
  return (version) => ({
    labels: spec.labels,
    relationshipTypes: spec.relationshipTypes,
    propertyKeys: spec.propertyKeys,
    procedures: perVersion(() => spec.procedures),
    functions: perVersion((v) => ({ ...builtins(v), ...spec.functions })),
    defaultLanguage: version,
  });
}

function cypherFiles(target) {
  if (statSync(target).isDirectory()) {
    return readdirSync(target)
      .filter((name) => name.endsWith('.cypher'))
      .sort()
      .map((name) => join(target, name));
  }
  return [target];
}

function position(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function problemsOf(text, schemaFor) {
  const problems = [];
  const statements = parseStatementsStrs(text).filter((s) => s.replace(/;\s*$/, '').trim() !== '');
  if (statements.length !== 1) {
    problems.push({ at: '1:1', severity: 'error', message: `expected exactly one statement, found ${statements.length}` });
  }
  const seen = new Set();
  for (const version of VERSIONS) {
    const { diagnostics } = lintCypherQuery(text, schemaFor(version));
    for (const d of diagnostics.filter(isNotParamError)) {
      const at = position(text, d.offsets?.start ?? 0);
      const key = `${at} ${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ at, severity: d.severity === 1 ? 'error' : 'warning', message: `${d.message} [${version}]` });
    }
  }
  return problems;
}

function readJson(source, label) {
  const queries = JSON.parse(readFileSync(source, 'utf8'));
  if (!Array.isArray(queries)) throw new Error(`${label} must hold a JSON array of query strings`);
  return queries.map((text, i) => ({ name: `${label} #${i}`, text: String(text) }));
}

function main(argv) {
  let inputs;
  const only = argv.filter((a) => a.startsWith('--cypher='));
  if (only.length) {
    VERSIONS = only.map((a) => `CYPHER ${a.slice('--cypher='.length)}`);
    if (!VERSIONS.every((v) => ALL_VERSIONS.includes(v))) {
      console.error(`cypher-lint: --cypher must be one of ${ALL_VERSIONS.join(', ')}`);
      return 2;
    }
    argv = argv.filter((a) => !a.startsWith('--cypher='));
  }
  try {
    const jsonFiles = argv.filter((a) => a.startsWith('--queries=')).map((a) => a.slice('--queries='.length));
    const paths = argv.filter((a) => !a.startsWith('--'));
    inputs = jsonFiles.flatMap((file) => readJson(file, relative(process.cwd(), file) || file));
    if (argv.includes('--stdin')) {
      inputs.push(...readJson(0, '<stdin>'));
    } else if (paths.length || !jsonFiles.length) {
      const targets = paths.length ? paths.map((a) => resolve(a)) : [join(root, 'linkgraph', 'backends', 'neo4j', 'queries')];
      inputs.push(...targets.flatMap(cypherFiles).map((file) => ({
        name: relative(process.cwd(), file) || file,
        text: readFileSync(file, 'utf8'),
      })));
    }
  } catch (err) {
    console.error(`cypher-lint: ${err.message}`);
    return 2;
  }
  if (inputs.length === 0) {
    console.error('cypher-lint: no Cypher to lint');
    return 2;
  }
  const schemaFor = loadSchema();
  let failed = 0;
  for (const { name, text } of inputs) {
    const problems = problemsOf(text, schemaFor);
    if (problems.length) failed += 1;
    for (const p of problems) console.log(`${name}:${p.at}: ${p.severity}: ${p.message}`);
  }
  console.log(`cypher-lint: ${inputs.length} queries, ${failed} with problems`);
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
