/**
 * What an idle server loads: the static import graph of server/start.ts (what `node` loads before the
 * first request; `import type` is erased, `await import()` waits for first use) must not reach the
 * libraries that only conversions, the editor schema or an optional engine need. Each of them costs
 * megabytes of resident memory in every process that starts (see README, Performance).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Loaded on first use only: converters, the TipTap schema (and KaTeX behind it), PostgreSQL, Redis, upload sniffing, calendars. */
const LAZY_PACKAGES = ['happy-dom', 'docx', 'mammoth', 'marked', 'katex', 'sanitize-html', 'pg', 'ioredis', 'file-type', 'ical-generator', '@touch4it/ical-timezones'];
const LAZY_SCOPES = ['@tiptap/', 'prosemirror-'];

function isLazy(specifier: string): boolean {
  return LAZY_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`)) || LAZY_SCOPES.some((prefix) => specifier.startsWith(prefix));
}

/** Specifiers a module imports for its values when it is loaded (static imports and re-exports). */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every package reached from `entry` through static imports of our own modules, with one path to it. */
function packagesReachedFrom(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        if (!reached.has(specifier)) reached.set(specifier, [...trail, path.relative(root, file)]);
        continue;
      }
      // Our modules are imported by their emitted .js name; the source beside it is .ts.
      visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')), [...trail, path.relative(root, file)]);
    }
  };
  visit(path.join(root, entry), []);
  return reached;
}

describe('what npm start loads before the first request', () => {
  it('leaves converters, the editor schema, pg and ioredis for first use', () => {
    const reached = packagesReachedFrom('server/start.ts');
    // The walk itself works: the relay's own libraries are there.
    expect([...reached.keys()]).toEqual(expect.arrayContaining(['yjs', 'ws', 'hono', 'kysely']));
    const eager = [...reached].filter(([name]) => isLazy(name));
    expect(eager.map(([name, trail]) => `${name} via ${trail.join(' → ')}`)).toEqual([]);
  });
});
