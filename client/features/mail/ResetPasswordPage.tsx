/** `/reset-password?token=`: choose a new password; every session of the account ends. */
import { createSignal } from 'solid-js';
import { ConfirmPage } from './ConfirmPage';
import { mailApi } from './api';

export default function ResetPasswordPage() {
  const [password, setPassword] = createSignal('');
  return (
    <ConfirmPage
      title="Choose a new password"
      explain="You will be signed out everywhere; sign in again with the new password."
      button="Set new password"
      act={async (token) => {
        await mailApi.confirmReset(token, password());
        return 'Your password is changed. Sign in with it now.';
      }}
    >
      <label>
        New password
        <input type="password" name="newPassword" autocomplete="new-password" required minLength={10} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
    </ConfirmPage>
  );
}
