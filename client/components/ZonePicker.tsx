/**
 * A searchable time-zone picker: a search box over a list box of every IANA zone, the browser's zone
 * first. Typing a city ("Kolkata") or an offset ("+5:30") narrows the list; Enter takes the first
 * match, the arrow keys move into the list. Offsets cost a formatter per zone (~400 of them), so they
 * are worked out a slice at a time after the picker appears, never in one long frame.
 */
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { knownTimeZones, utcOffset, zoneLabel } from '../lib/time';
import { matchesZone, orderZones, type ZoneEntry } from '../lib/zones';
import './zone-picker.css';

export interface ZonePickerProps {
  /** The chosen zone. */
  value: string;
  onChange: (zone: string) => void;
  /** The browser's own zone, listed first. */
  browserZone: string;
  /** Wall-clock time for the offsets (they change with daylight saving time). */
  now: number;
  /** Id of the hint that describes the choice. */
  describedBy?: string;
}

/** How many zones' offsets are worked out per macrotask: a few milliseconds' worth. */
const OFFSETS_PER_SLICE = 25;

export function ZonePicker(props: ZonePickerProps) {
  const zones = orderZones(knownTimeZones(props.value), [props.browserZone, props.value]);
  const [offsets, setOffsets] = createSignal<ReadonlyMap<string, string>>(new Map());
  const [query, setQuery] = createSignal('');
  let list: HTMLSelectElement | undefined;

  onMount(() => {
    let next = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      const found = new Map(offsets());
      for (const zone of zones.slice(next, next + OFFSETS_PER_SLICE)) found.set(zone, utcOffset(zone, props.now));
      next += OFFSETS_PER_SLICE;
      setOffsets(found);
      if (next < zones.length) timer = setTimeout(slice, 0);
    };
    slice();
    onCleanup(() => clearTimeout(timer));
  });

  const entries = createMemo((): ZoneEntry[] => zones.map((zone) => ({ zone, label: zoneLabel(zone), offset: offsets().get(zone) })));
  const shown = createMemo(() => (query().trim() ? entries().filter((e) => matchesZone(e, query())) : entries()));
  const pick = (zone: string | undefined) => {
    if (zone) props.onChange(zone);
  };

  return (
    <div class="zone-picker">
      <input
        id="zone-search"
        type="search"
        autocomplete="off"
        placeholder="Search by city or offset, e.g. Kolkata or +5:30"
        aria-label="Find a zone by city or offset"
        aria-controls="zone-list"
        value={query()}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            // Enter takes the first match instead of submitting the whole profile form.
            e.preventDefault();
            pick(shown()[0]?.zone);
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            list?.focus();
          }
        }}
      />
      <select
        id="zone-list"
        ref={list}
        name="timeZone"
        size={8}
        aria-label="Time zone"
        aria-describedby={props.describedBy}
        value={props.value}
        onChange={(e) => pick(e.currentTarget.value)}
      >
        <For each={shown()}>
          {(entry) => (
            <option value={entry.zone} selected={entry.zone === props.value}>
              {entry.label}
              {entry.offset ? ` · ${entry.offset}` : ''}
              {entry.zone === props.browserZone ? ' · this browser' : ''}
            </option>
          )}
        </For>
      </select>
      <Show when={shown().length === 0}>
        <p class="hint" role="status">
          No time zone matches “{query()}”. Try the nearest large city, or an offset such as +1 or UTC-5.
        </p>
      </Show>
    </div>
  );
}
