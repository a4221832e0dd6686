/**
 * `/profile`: your name, time zone (detected from the browser, searchable) and working hours, which
 * collaborators see next to your caret, and a password change. Changes reach live documents at once.
 */
import { createSignal, Show } from 'solid-js';
import type { MeView } from '../../shared/api/auth.js';
import { Avatar } from '../components/Avatar';
import { Loading } from '../components/Loading';
import { ApiError, accountApi } from '../lib/api';
import { useSession } from '../lib/session';
import { ZonePicker } from '../components/ZonePicker';
import { browserTimeZone, clockIn, utcOffset, zoneCity, zoneLabel } from '../lib/time';
import { PasswordForm } from './PasswordForm';
import { VerifyEmailButton } from '../features/mail/VerifyEmailButton';
import { ThemeSwitch } from '../features/appearance/ThemeSwitch';
import { NotificationPreferences } from '../features/notifications/Preferences';

function ProfileForm(props: { me: MeView }) {
  const session = useSession();
  const detected = browserTimeZone();
  const [zone, setZone] = createSignal(props.me.timeZone);
  const [hasHours, setHasHours] = createSignal(props.me.workingHours !== null);
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [fields, setFields] = createSignal<Readonly<Record<string, string>>>({});

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setSaved(false);
    setError(null);
    setFields({});
    try {
      await accountApi.updateMe({
        name: String(data.get('name') ?? ''),
        timeZone: zone(),
        workingHours: hasHours() ? { start: String(data.get('start')), end: String(data.get('end')) } : null,
      });
      await session.refresh();
      setSaved(true);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not save your profile.');
      if (caught instanceof ApiError) setFields(caught.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel form" onSubmit={(event) => void submit(event)} onInput={() => setSaved(false)}>
      <div class="profile-head">
        <Avatar name={props.me.name} color={props.me.color} />
        <div>
          <strong>{props.me.email}</strong>
          <p class="hint">This colour marks your caret and your place in the presence list.</p>
        </div>
      </div>
      <label>
        Name
        <input name="name" required maxLength={80} value={props.me.name} autocomplete="name" aria-invalid={fields().name ? true : undefined} />
        <Show when={fields().name}>{(m) => <span class="field-error">{m()}</span>}</Show>
      </label>
      <div class="field">
        <span class="field-label">
          Time zone: <strong>{zoneLabel(zone())}</strong>
        </span>
        <ZonePicker value={zone()} onChange={setZone} browserZone={detected} now={session.now()} describedBy="zone-hint" />
      </div>
      <p class="hint" id="zone-hint">
        It is {clockIn(zone(), session.now())} in {zoneCity(zone())} ({utcOffset(zone(), session.now())}). Every time in Confer is shown in this zone.
        <Show when={zone() !== detected}>
          {' '}
          This browser says <strong>{detected}</strong>.{' '}
          <button type="button" class="link" onClick={() => setZone(detected)}>
            Use {zoneCity(detected)}
          </button>
        </Show>
      </p>
      <fieldset class="hours">
        <legend>Working hours</legend>
        <label class="check">
          <input type="checkbox" checked={hasHours()} onChange={(e) => setHasHours(e.currentTarget.checked)} />
          Show collaborators when I am outside my working hours
        </label>
        <Show when={hasHours()}>
          <div class="row">
            <label>
              From
              <input name="start" type="time" required value={props.me.workingHours?.start ?? '09:00'} />
            </label>
            <label>
              To
              <input name="end" type="time" required value={props.me.workingHours?.end ?? '17:00'} />
            </label>
          </div>
          <Show when={fields()['workingHours.end']}>{(m) => <span class="field-error">{m()}</span>}</Show>
          <p class="hint">In your own time zone. An end before the start means the hours cross midnight.</p>
        </Show>
      </fieldset>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Saving…' : 'Save profile'}
        </button>
        <Show when={saved()}>
          <span class="ok" role="status">
            Saved. Open documents show the change at once.
          </span>
        </Show>
      </div>
    </form>
  );
}

export default function ProfilePage() {
  const session = useSession();
  document.title = 'Profile · Confer';
  return (
    <section class="narrow">
      <h1>Profile</h1>
      <Show when={session.me() !== null} fallback={<ProfileSignedOut />}>
        <Show when={session.me()} fallback={<Loading />}>
          {(me) => (
            <>
              <ProfileForm me={me()} />
              <PasswordForm />
              <VerifyEmailButton />
              <NotificationPreferences />
            </>
          )}
        </Show>
      </Show>
      {/* Signed out too: the colours belong to this browser, not to an account. */}
      <ThemeSwitch />
    </section>
  );
}

function ProfileSignedOut() {
  return (
    <p>
      <a href="/signin?next=%2Fprofile">Sign in</a> to see your profile.
    </p>
  );
}
