/**
 * LibreOffice for the Word round-trip tests: re-saving a .docx the way an author's office suite
 * would, and reading the parts of a .docx. Each run gets a profile of its own, so concurrent runs
 * never wait on one another's profile lock.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';

const run = promisify(execFile);

/** LibreOffice's command, when installed. */
export const SOFFICE = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => fs.existsSync(p)) ?? null;

/**
 * Whether the LibreOffice tests run: always under CI (where a missing LibreOffice fails them),
 * otherwise only when it is installed, with a loud message when it is not.
 */
export function officeAvailable(): boolean {
  if (SOFFICE || process.env.CI === 'true') return true;
  console.warn('LibreOffice (soffice) is not installed: the Word round-trip tests are skipped (install libreoffice-writer-nogui)');
  return false;
}

/** `docx` opened and saved again as .docx by LibreOffice. */
export async function resaveWithLibreOffice(docx: Uint8Array): Promise<Uint8Array> {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-office-'));
  try {
    const input = path.join(dir, 'exported.docx');
    const out = path.join(dir, 'out');
    fs.writeFileSync(input, docx);
    await run(SOFFICE, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'docx', '--outdir', out, input], {
      timeout: 120_000,
    });
    return new Uint8Array(fs.readFileSync(path.join(out, 'exported.docx')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of one part of a .docx (`word/document.xml`), or null when the package has no such part. */
export async function docxPart(docx: Uint8Array, name: string): Promise<string | null> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(docx), { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks).toString('utf8');
    }
    return null;
  } finally {
    zip.close();
  }
}
