/**
 * `npm run audit` against a stand-in advisory database (a local HTTP server posing as the registry):
 * a high advisory on a production dependency fails the run; a registry without the advisory endpoint
 * is reported as not checked, never as clean, and fails under --strict.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
let registry: http.Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => registry?.close(resolve) ?? resolve(undefined));
  registry = undefined;
});

/** A registry whose bulk advisory endpoint answers `advisories` (or `status` with no body). */
async function fakeRegistry(answer: { status: number; advisories?: unknown }): Promise<string> {
  registry = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.endsWith('/security/advisories/bulk') && answer.advisories) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer.advisories));
        return;
      }
      res.statusCode = req.method === 'POST' ? answer.status : 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => registry!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
}

function runAudit(registryUrl: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/tools/audit.ts', ...args], {
      cwd: root,
      env: { ...process.env, npm_config_registry: registryUrl, npm_config_fetch_retries: '0' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run audit', () => {
  it('fails on a high advisory in a production dependency and names it', { timeout: 120_000 }, async () => {
    const url = await fakeRegistry({
      status: 200,
      advisories: {
        'proxy-addr': [{ id: 1, url: 'https://example.org/advisory', title: 'made-up', severity: 'high', vulnerable_versions: '<99.0.0', cwe: [], cvss: { score: 8 } }],
      },
    });
    const { code, output } = await runAudit(url);
    expect(code).toBe(1);
    expect(output).toMatch(/high\s+proxy-addr/);
  });

  it('passes when the advisory database lists nothing', { timeout: 120_000 }, async () => {
    const { code, output } = await runAudit(await fakeRegistry({ status: 200, advisories: {} }));
    expect(output).toContain('no high or critical advisories');
    expect(code).toBe(0);
  });

  it('says "NOT CHECKED" when the registry has no advisory endpoint, and fails under --strict', { timeout: 120_000 }, async () => {
    const url = await fakeRegistry({ status: 405 });
    const lenient = await runAudit(url);
    expect(lenient.output).toContain('NOT CHECKED');
    expect(lenient.output).not.toContain('no high or critical');
    expect(lenient.code).toBe(0);
    expect((await runAudit(url, '--strict')).code).toBe(2);
  });
});
