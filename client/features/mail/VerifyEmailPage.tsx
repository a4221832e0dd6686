/** `/verify-email?token=`: confirm your address, on a button press. */
import { ConfirmPage } from './ConfirmPage';
import { mailApi } from './api';

export default function VerifyEmailPage() {
  return (
    <ConfirmPage
      title="Verify your email address"
      explain="Confirm that this address is yours. Invitations sent to it can then be accepted."
      button="Verify my address"
      act={async (token) => `${(await mailApi.verify(token)).email} is verified.`}
    />
  );
}
