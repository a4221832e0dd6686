/** Toolbar icons: 20×20 inline SVG strokes in the current text colour (no icon font to download). */
import type { JSX } from 'solid-js';

const paths = {
  undo: 'M8 5 4 9l4 4M4 9h8a4 4 0 0 1 0 8H9',
  redo: 'm12 5 4 4-4 4M16 9H8a4 4 0 0 0 0 8h3',
  bullets: 'M8 5h9M8 10h9M8 15h9M4 5h.01M4 10h.01M4 15h.01',
  numbers: 'M9 5h8M9 10h8M9 15h8M3 4h1.5v3M3 7h3M3 13h3l-3 3h3',
  tasks: 'M9 6h8M9 14h8M3 4h3v3H3zM3 12h3v3H3zM3.7 13.4l.9.9 1.6-1.8',
  link: 'M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1',
  table: 'M3 4h14v12H3zM3 8h14M3 12h14M8 4v12M12.5 4v12',
  quote: 'M5 7h4v4H6l-1 3M11 7h4v4h-3l-1 3',
  math: 'M4 16l3-1 3-11h5M6 9h5M12 11l4 5M16 11l-4 5',
  rowAdd: 'M3 4h14v6H3zM10 13v5M7.5 15.5h5',
  colAdd: 'M3 3h6v14H3zM12 10h5M14.5 7.5v5',
  rowDel: 'M3 4h14v6H3zM7.5 15.5h5',
  colDel: 'M3 3h6v14H3zM12 10h5',
  trash: 'M4 6h12M8 6V4h4v2M6 6l1 11h6l1-11',
} as const;

/** Name of a toolbar icon. */
export type IconName = keyof typeof paths;

export function Icon(props: { name: IconName }): JSX.Element {
  return (
    <svg class="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d={paths[props.name]} />
    </svg>
  );
}
