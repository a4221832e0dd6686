/**
 * The little XML reading the .docx importer does itself (tracked changes, comments), on the text of
 * a part: attribute values and entities. The parts were size-checked before (docx-zip.ts).
 */

/** The value of the `w:<name>` attribute in an element's attribute text, or null. */
export function xmlAttr(attrs: string, name: string): string | null {
  return new RegExp(`\\bw:${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

/** XML's five named entities and numeric character references; anything else is left out. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (_, e: string) => {
    if (!e.startsWith('#')) return NAMED[e] ?? '';
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
  });
}
