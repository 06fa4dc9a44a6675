'use client';

import { verifySecondStep } from '@/app/actions/auth';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm, WideSubmit } from './action-form';
import { SecondFactorCodeFields } from './second-factor-code-fields';
import { useActionForm } from './use-action-form';

/** The second step on /login/verify: a code from the app, or (folded away) one of the recovery codes. */
export function VerifySignInForm({ next }: { next: string }) {
  const { outcome, pending, field, formProps } = useActionForm(lazySchema.secondStep, verifySecondStep);
  return (
    <ActionForm props={formProps} label="Two-step sign-in">
      <input type="hidden" name="next" value={next} />
      <SecondFactorCodeFields
        code={field('code')}
        recoveryCode={field('recoveryCode')}
        codeHint="The 6-digit code your authenticator app shows for Profile Hub."
        recoveryHint="One of the ten codes you saved when you turned this on. Each works once."
        autoFocus
      />
      <WideSubmit outcome={outcome} pending={pending}>
        Verify
      </WideSubmit>
    </ActionForm>
  );
}
