/** A round badge with someone's initials in their colour. */
import { readableInk } from '../editor/caret';

/** Up to two initials: "Priya Raman" → "PR", "ada" → "A". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => Array.from(w ?? '')[0]?.toUpperCase() ?? '').join('') || '?';
}

export function Avatar(props: { name: string; color: string; size?: 'small' | 'normal' }) {
  return (
    <span
      class="avatar"
      classList={{ small: props.size === 'small' }}
      style={{ 'background-color': props.color, color: readableInk(props.color) }}
      aria-hidden="true"
    >
      {initials(props.name)}
    </span>
  );
}
