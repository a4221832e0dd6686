/** `/mail/unsubscribe?token=`: stop notification mail (or the digest), on a button press. */
import { ConfirmPage } from './ConfirmPage';
import { mailApi } from './api';

export default function UnsubscribePage() {
  return (
    <ConfirmPage
      title="Unsubscribe"
      explain="Stop these emails from Confer. Notifications stay in your inbox in the app."
      button="Unsubscribe"
      act={async (token) => ((await mailApi.unsubscribe(token)).scope === 'digest' ? 'You will not get the daily digest any more.' : 'You will not get notification emails any more.')}
    />
  );
}
