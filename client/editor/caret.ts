/**
 * How another person's caret is drawn. Same elements and class names as CollaborationCaret's default,
 * but the label text is dark or light, whichever reads better on the person's colour: the server picks
 * colours from a palette that includes light ones (cyan, lime, orange).
 */

/** Relative luminance (WCAG 2) of a #rgb or #rrggbb colour; null for anything else. */
export function luminance(color: string): number | null {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  const parts = short ? short.slice(1).map((h) => h + h) : long ? long.slice(1) : null;
  if (!parts) return null;
  const [r = 0, g = 0, b = 0] = parts.map((hex) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white text, whichever has more contrast on `background`. White when the colour is unknown. */
export function readableInk(background: string): string {
  const l = luminance(background);
  if (l === null) return '#ffffff';
  // Contrast with black is (l + 0.05) / 0.05, with white 1.05 / (l + 0.05); they are equal at l ≈ 0.179.
  // Pure black, not a softer near-black: only black and white together reach 4.5:1 on every colour.
  return l > 0.179 ? '#000000' : '#ffffff';
}

/** CollaborationCaret `render`: a caret bar with a name label in the person's colour. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#5b6472';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.style.color = readableInk(color);
  label.textContent = typeof user.name === 'string' && user.name ? user.name : 'Someone';
  caret.append(label);
  return caret;
}
