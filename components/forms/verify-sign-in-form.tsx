'use client';

import { verifySecondStep } from '@/app/actions/auth';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm, WideSubmit } from './action-form';
import { useActionForm } from './use-action-form';

/** The second step on /login/verify: a code from the app, or (folded away) one of the recovery codes. */
export function VerifySignInForm({ next }: { next: string }) {
  const { outcome, pending, field, formProps } = useActionForm(lazySchema.secondStep, verifySecondStep);
  return (
    <ActionForm props={formProps} label="Two-step sign-in">
      <input type="hidden" name="next" value={next} />
      <Field
        label="Authentication code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={9}
        hint="The 6-digit code your authenticator app shows for Profile Hub."
        autoFocus
        {...field('code')}
        defaultValue=""
      />
      <details className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
        <summary className="cursor-pointer font-medium">No access to your app? Use a recovery code</summary>
        <div className="mt-3">
          <Field
            label="Recovery code"
            autoComplete="off"
            spellCheck={false}
            hint="One of the ten codes you saved when you turned this on. Each works once."
            {...field('recoveryCode')}
            defaultValue=""
          />
        </div>
      </details>
      <WideSubmit outcome={outcome} pending={pending}>
        Verify
      </WideSubmit>
    </ActionForm>
  );
}
