/**
 * The client's import graph, resolved by TypeScript itself: no module imports itself through others
 * (the document page's plug-in contract once imported its own registry, which imported every feature,
 * which imported the contract), and the contract stays types only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const clientDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(clientDir);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every client module with the client modules it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, jsx: ts.JsxEmit.Preserve };
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(clientDir)) {
    const imported = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
    const inside = imported
      .map((spec) => ts.resolveModuleName(spec.fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((target): target is string => target !== undefined && target.startsWith(clientDir + '/'));
    graph.set(relative(rootDir, file), inside.map((target) => relative(rootDir, target)));
  }
  return graph;
}

/** One cycle as a path of modules, or null when there is none (depth-first search, white/grey/black). */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

describe('client import graph', () => {
  const graph = importGraph();

  it('resolves the imports it checks', () => {
    expect(graph.get('client/main.tsx')).toContain('client/App.tsx');
    expect(graph.get('client/routes.ts')).toContain('client/pages/document.data.ts');
  });

  it('has no import cycles', () => {
    expect(findCycle(graph)?.join(' → ') ?? null).toBeNull();
  });

  it('keeps the document plug-in contract free of features and pages', () => {
    expect(graph.get('client/editor/document-plugins.ts')).toEqual([]);
  });
});
