// ESLint with typescript-eslint; no-restricted-imports enforces client -> shared <- server, and the layering inside server/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const clientNoServer = { group: ['**/server/**'], message: 'client/ may only `import type` from server/', allowTypeImports: true };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench-results/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '**/client/**', '../server/*', '../client/*'], message: 'shared/ imports nothing from server/ or client/' }] },
      ],
    },
  },
  {
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [clientNoServer] }],
    },
  },
  {
    // The editor, the shared components and lib/ are what features build on: they never import a feature or a page.
    files: ['client/editor/**', 'client/lib/**', 'client/components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            clientNoServer,
            { regex: '^(\\.\\./)+(features|pages)/', message: 'client/editor, lib and components never import features/ or pages/ (features plug in through editor/document-plugins.ts)' },
          ],
        },
      ],
    },
  },
  ...serverLayering(),
);

/**
 * Layering inside server/: features on top of the layers, never the reverse; a feature reaches another
 * only through its index.ts; collab/ (the relay core) knows no HTTP, auth or features; storage/ imports
 * no layer above it. The assembly files (app, api, main, services) may import anything.
 */
function serverLayering() {
  const noClient = { group: ['**/client/**'], message: 'server/ never imports client/' };
  const assembly = { regex: '^(\\.\\./)+(app|api|main|services|start|dev)\\.js$', message: 'layers and features never import the assembly (app, api, main, services)' };
  const above = (layers, who) => ({
    regex: `^(\\.\\./)+(${layers.join('|')})/`,
    message: `${who} may not import ${layers.map((l) => l + '/').join(', ')} (see the layering in README and DESIGN §2)`,
  });
  const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [noClient, ...patterns] }] });
  return [
    { files: ['server/**/*.ts'], rules: rule() },
    {
      files: ['server/features/**/*.ts'],
      rules: rule({ regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.js$).+', message: 'a feature imports another feature only through its index.ts' }, assembly),
    },
    {
      files: ['server/collab/**/*.ts'],
      rules: rule(above(['http', 'auth', 'features', 'text'], 'collab/ (the relay core)'), assembly, {
        regex: '^(hono|@hono/.*|ws)$',
        message: 'collab/ runs without Hono or ws: use the WebSocketLike seam (the adapter lives in http/)',
      }),
    },
    { files: ['server/storage/**/*.ts'], rules: rule(above(['collab', 'http', 'auth', 'features', 'cluster', 'text'], 'storage/'), assembly) },
    { files: ['server/auth/**/*.ts'], rules: rule(above(['http', 'features'], 'auth/'), assembly) },
    { files: ['server/http/**/*.ts'], rules: rule(above(['features'], 'http/ (app-wide plumbing)'), assembly) },
    { files: ['server/text/**/*.ts'], rules: rule(above(['http', 'auth', 'features', 'collab'], 'text/'), assembly) },
    { files: ['server/cluster/**/*.ts'], rules: rule(above(['http', 'auth', 'features'], 'cluster/'), assembly) },
  ];
}
