/**
 * The layering rules of eslint.config.js, tried on deliberate violations: each import below must be
 * refused by `npm run lint` at the path it is linted as, and the allowed imports beside them must pass.
 * The files do not exist; ESLint lints the text as if it lived at `filePath`.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

const violations: Array<[rule: string, filePath: string, source: string]> = [
  ['collab/ imports no http/', 'server/collab/probe.ts', "import { x } from '../http/errors.js';"],
  ['collab/ imports no auth/', 'server/collab/probe.ts', "import { x } from '../auth/index.js';"],
  ['collab/ imports no feature', 'server/collab/probe.ts', "import { x } from '../features/comments/index.js';"],
  ['collab/ runs without ws', 'server/collab/probe.ts', "import { x } from 'ws';"],
  ['collab/ runs without Hono', 'server/collab/probe.ts', "import { x } from 'hono';"],
  ['storage/ imports nothing above it', 'server/storage/probe.ts', "import { x } from '../collab/hub.js';"],
  ['storage engines import nothing above storage/', 'server/storage/sqlite/probe.ts', "import { x } from '../../features/search/index.js';"],
  ['auth/ throws no HTTP errors', 'server/auth/probe.ts', "import { x } from '../http/errors.js';"],
  ['auth/ imports no feature', 'server/auth/probe.ts', "import { x } from '../features/comments/guard.js';"],
  ['http/ imports no feature', 'server/http/probe.ts', "import { x } from '../features/documents/index.js';"],
  ['a feature reaches another only through index.ts', 'server/features/versions/probe.ts', "import { x } from '../members/people.js';"],
  ['layers never import the assembly', 'server/text/probe.ts', "import { x } from '../app.js';"],
  ['shared/ imports no server/', 'shared/probe.ts', "import { x } from '../server/app.js';"],
  ['client/ imports only types from server/', 'client/probe.ts', "import { x } from '../server/app.js';"],
  ['the client editor imports no feature', 'client/editor/probe.ts', "import { x } from '../features/comments/session';"],
  ['client lib/ imports no page', 'client/lib/probe.ts', "import { x } from '../pages/document/registry';"],
];

const allowed: Array<[what: string, filePath: string, source: string]> = [
  ['a feature imports layers and shared/', 'server/features/versions/probe.ts', "import { x } from '../../http/access.js';\nimport { y } from '../../../shared/roles.js';\nexport const z = y;"],
  ['a feature imports another through index.ts', 'server/features/versions/probe.ts', "import { x } from '../members/index.js';"],
  ['a feature imports its own files', 'server/features/versions/probe.ts', "import { x } from './store.js';"],
  ['collab/ imports storage interfaces and shared/', 'server/collab/probe.ts', "import { x } from '../storage/types.js';\nimport { y } from '../../shared/limits.js';\nexport const z = y;"],
  ['the assembly imports features', 'server/api.ts', "import { x } from './features/documents/index.js';"],
  ['client/ may import types from server/', 'client/probe.ts', "import type { x } from '../server/app.js';"],
  ['a client feature imports the editor contract', 'client/features/comments/probe.ts', "import type { x } from '../../editor/document-plugins';"],
];

describe('layering enforced by lint', () => {
  for (const [rule, filePath, source] of violations) {
    it(`refuses: ${rule}`, async () => {
      expect(await restrictedImports(filePath, source)).not.toEqual([]);
    });
  }
  for (const [what, filePath, source] of allowed) {
    it(`allows: ${what}`, async () => {
      expect(await restrictedImports(filePath, source)).toEqual([]);
    });
  }
});
