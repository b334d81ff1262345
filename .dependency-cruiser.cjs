// Dependency rules for src/, checked by `npm run deps` (dependency-cruiser) as part of `npm run check`.
//
// The layers, from the bottom: errors, internal (with internal/perf), math, model, then formulas; above
// them aggregate, survival, clv, events, loyalty, svg and cli; src/sql beside them on the bottom layers only. A folder imports only from the layers below
// it; nothing imports upward, and there is no cycle between files or between folders. Node built-ins
// (`node:*`) stay in src/cli and src/node, so the core entry runs in browsers, Deno and edge runtimes.
// docs/contributing.md explains the map; change it together with this file.
//
// Type-only imports count (tsPreCompilationDeps): a type imported upward couples the layers as much as a
// value does.
//
// What each rule sees: dependency-cruiser's folder cycles are cycles between the folders that hold the
// files, where a folder's dependencies are those of everything under it. A cycle that enters a folder
// through one subfolder and leaves it through another (aggregate/period -> survival -> aggregate/rfm) is
// not a folder cycle to it, nor is one between a folder's own files and a subfolder. Between the top-level
// folders the layer rules below close that gap: the directions they allow form no cycle.

/** A path pattern matching the given folders of src/ (each with everything under it). */
const under = (...folders) => `^src/(${folders.join('|')})/`;

/** The folders of src/ other than the given ones: what a layer may not import. */
const outside = (...folders) => `^src/(?!(${folders.join('|')})/)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycle between files: a cycle makes the load order matter and the pieces inseparable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      scope: 'folder',
      comment: 'No cycle between folders: each folder depends on the ones below it only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'Every import resolves; an import the tool cannot follow would escape the other rules.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'errors-imports-nothing',
      severity: 'error',
      comment: 'src/errors is the bottom layer: it imports nothing else of ours.',
      from: { path: under('errors') },
      to: { path: outside('errors') },
    },
    {
      name: 'internal-only-errors',
      severity: 'error',
      comment: 'src/internal (with internal/perf) imports only src/errors.',
      from: { path: under('internal') },
      to: { path: outside('errors', 'internal') },
    },
    {
      name: 'math-only-errors-internal',
      severity: 'error',
      comment: 'src/math imports only src/errors and src/internal.',
      from: { path: under('math') },
      to: { path: outside('errors', 'internal', 'math') },
    },
    {
      name: 'model-only-bottom',
      severity: 'error',
      comment: 'src/model (the vocabulary) imports only src/errors, src/internal and src/math.',
      from: { path: under('model') },
      to: { path: outside('errors', 'internal', 'math', 'model') },
    },
    {
      name: 'formulas-only-bottom',
      severity: 'error',
      comment:
        'src/formulas imports only the bottom layers: src/errors, src/internal, src/math and src/model.',
      from: { path: under('formulas') },
      to: { path: outside('errors', 'internal', 'math', 'model', 'formulas') },
    },
    {
      name: 'aggregate-not-upward',
      severity: 'error',
      comment: 'src/aggregate sits below survival, clv, loyalty, events, svg and cli.',
      from: { path: under('aggregate') },
      to: { path: under('survival', 'clv', 'loyalty', 'events', 'svg', 'cli') },
    },
    {
      name: 'survival-not-upward',
      severity: 'error',
      comment: 'src/survival sits below clv, loyalty, events, svg and cli.',
      from: { path: under('survival') },
      to: { path: under('clv', 'loyalty', 'events', 'svg', 'cli') },
    },
    {
      name: 'clv-not-sideways',
      severity: 'error',
      comment:
        'src/clv (the probabilistic models) works on summary rows from src/model: it imports neither the tables of aggregate and survival nor anything above.',
      from: { path: under('clv') },
      to: { path: under('aggregate', 'survival', 'loyalty', 'events', 'svg', 'cli') },
    },
    {
      name: 'events-not-upward',
      severity: 'error',
      comment: 'src/events sits below clv, loyalty, svg and cli.',
      from: { path: under('events') },
      to: { path: under('clv', 'loyalty', 'svg', 'cli') },
    },
    {
      name: 'loyalty-not-upward',
      severity: 'error',
      comment: 'src/loyalty sits below svg and cli, and does not reach into aggregate.',
      from: { path: under('loyalty') },
      to: { path: under('svg', 'cli', 'aggregate') },
    },
    {
      name: 'sql-only-bottom',
      severity: 'error',
      comment:
        'src/sql (the patronage/sql entry) writes SQL from options: it imports only src/errors, src/internal and src/model, and the row types and limits of the cohort and period tables (cohortRowsFromSql and periodRowsFromSql give their rows; a few bytes of the bundle).',
      from: { path: under('sql') },
      to: {
        path: outside('errors', 'internal', 'model', 'sql'),
        pathNot: '^src/aggregate/(cohort/cohortCore|period/periodCore)\\.ts$',
      },
    },
    {
      name: 'svg-not-cli',
      severity: 'error',
      comment: 'src/svg (the patronage/svg entry) does not import the command line.',
      from: { path: under('svg') },
      to: { path: under('cli') },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      comment: 'src/cli is the top: nothing else in src imports it.',
      from: { path: '^src/', pathNot: under('cli') },
      to: { path: under('cli') },
    },
    {
      name: 'only-cli-imports-node-entry',
      severity: 'error',
      comment: 'src/node (the future patronage/node entry) holds Node-only code: only src/cli may import it.',
      from: { path: '^src/', pathNot: under('cli', 'node') },
      to: { path: under('node') },
    },
    {
      name: 'node-builtins-only-in-cli-and-node',
      severity: 'error',
      comment:
        'Node built-ins (node:*) only in src/cli and src/node: the core runs in browsers, Deno and edge runtimes.',
      from: { path: '^src/', pathNot: under('cli', 'node') },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
    },
  },
};
