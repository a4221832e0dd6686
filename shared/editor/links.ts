/** Link policy shared by every surface that renders or stores a link. */

/** Schemes a stored link may use; anything else (javascript:, data:, vbscript:, file:) is dropped. */
export const SAFE_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

/** True for an absolute http(s) or mailto URL; relative and scheme-less links are refused too. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 4096) return false;
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- control characters are what we strip here
  const compact = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  return scheme !== undefined && (SAFE_LINK_SCHEMES as readonly string[]).includes(scheme);
}
