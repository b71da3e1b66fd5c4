import fs from 'node:fs';
import path from 'node:path';

/**
 * The folders of the architecture ("homes"): the first folder under the
 * root, except `workflows/*` and `adapters/*`, where each sub-folder is a
 * home of its own. A sub-folder of a home (knowledge/readers) belongs to it.
 */
export function homeOf(root: string, file: string): string {
  const parts = path.relative(root, file).split(path.sep);
  if (parts.length === 1) return '.';
  const [first, second] = parts;
  if ((first === 'workflows' || first === 'adapters') && parts.length > 2) return `${first}/${second}`;
  return first ?? '.';
}

/** Relative module specifiers of a TypeScript file: static imports and re-exports, side-effect and dynamic imports. */
export function relativeImports(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gms,
    /^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm,
    /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) if (match[1]) found.push(match[1]);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** home → home → the imports (file → specifier) that make that edge. */
export type HomeGraph = Map<string, Map<string, string[]>>;

export function homeGraph(root: string): HomeGraph {
  const graph: HomeGraph = new Map();
  for (const file of sourceFiles(root)) {
    const from = homeOf(root, file);
    for (const specifier of relativeImports(fs.readFileSync(file, 'utf8'))) {
      const to = homeOf(root, path.resolve(path.dirname(file), specifier));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${path.relative(root, file)} → ${specifier}`]);
    }
  }
  return graph;
}

/** The strongly connected groups of more than one home (Tarjan): each is an import cycle between folders. */
export function cycles(graph: HomeGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member !== undefined) group.push(member);
    } while (member !== undefined && member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Each cycle with the imports that close it, for a readable failure. */
export function describeCycles(graph: HomeGraph): string[] {
  return cycles(graph).map((group) => {
    const lines = group.flatMap((from) =>
      [...(graph.get(from) ?? new Map<string, string[]>())].filter(([to]) => group.includes(to)).flatMap(([, imports]) => imports),
    );
    return `${group.join(' ↔ ')}:\n  ${lines.join('\n  ')}`;
  });
}
