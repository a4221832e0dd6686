/** System / Light / Dark: a radio group that applies the choice at once and remembers it in this browser. */
import { createSignal, For } from 'solid-js';
import './appearance.css';
import { chooseTheme, readThemeChoice, type ThemeChoice } from '../../lib/theme';

const choices: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeSwitch() {
  const [choice, setChoice] = createSignal(readThemeChoice());
  const choose = (next: ThemeChoice) => {
    setChoice(next);
    chooseTheme(next);
  };
  return (
    <fieldset class="panel theme-switch">
      <legend>Appearance</legend>
      <div class="theme-choices">
        <For each={choices}>
          {(option) => (
            <label class="check">
              <input type="radio" name="theme" value={option.value} checked={choice() === option.value} onChange={() => choose(option.value)} />
              {option.label}
            </label>
          )}
        </For>
      </div>
      <p class="hint">System follows your device’s light or dark setting. Kept in this browser.</p>
    </fieldset>
  );
}
