import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';

/**
 * The feature modules (src/modules/*) form layers: each may use the ones below it, none may reach back,
 * not even for a type, and none may import the composition root that wires them together. ESLint's
 * import/no-cycle guards single files (and skips type-only imports); this guards the modules.
 */
const SRC = resolve(__dirname, '..', 'src');
const COMPOSITION_ROOT = ['main.ts', 'graphql/server.ts', 'graphql/schema.ts'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every relative import of a file (values and types), as paths under src/ without extension. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, resolve(dirname(file), name)));
}

function moduleOf(path: string): string | null {
  const match = /^modules\/([^/]+)\//.exec(path);
  return match ? match[1] : null;
}

function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of filesUnder(join(SRC, 'modules'))) {
    const from = moduleOf(relative(SRC, file))!;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of importsOf(file).map(moduleOf)) {
      if (target && target !== from) {
        edges.add(target);
      }
    }
  }
  return graph;
}

/** The cycles of a graph, each as the path that closes it (empty when it is acyclic). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]): void => {
    if (path.includes(node)) {
      found.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    if (done.has(node)) {
      return;
    }
    for (const next of graph.get(node) ?? []) {
      visit(next, [...path, node]);
    }
    done.add(node);
  };
  for (const node of graph.keys()) {
    visit(node, []);
  }
  return found;
}

describe('module boundaries', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles(new Map([['a', new Set(['b'])]]))).toEqual([]);
  });

  it('has feature modules that never import each other back, types included', () => {
    const graph = moduleGraph();
    // The modules are read, not assumed: the tree's operations use the rollup upkeep, the figures read the tree.
    expect(graph.get('org-unit')).toContain('rollups');
    expect(graph.get('statistics')).toContain('org-unit');
    expect(graph.get('rollups')).toEqual(new Set());
    expect(cycles(graph)).toEqual([]);
  });

  it('has every statement of a feature module, and of authentication, in its queries file', () => {
    const writesSql = /\b(runSql|runPrepared)\(|\bsql`/;
    const outside = [...filesUnder(join(SRC, 'modules')), ...filesUnder(join(SRC, 'auth'))]
      .filter((file) => !file.endsWith('.queries.ts') && writesSql.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(outside).toEqual([]);
    // The pattern finds what it looks for.
    expect(writesSql.test(readFileSync(join(SRC, 'modules/member/member.queries.ts'), 'utf8'))).toBe(true);
  });

  it('has no feature module import the composition root', () => {
    const offending = filesUnder(join(SRC, 'modules')).flatMap((file) =>
      importsOf(file)
        .filter((path) => COMPOSITION_ROOT.some((root) => `${path}.ts` === root))
        .map((path) => `${relative(SRC, file)} -> ${path}`),
    );
    expect(offending).toEqual([]);
  });
});
