import { Field } from '@/components/ui/field';
import type { ActionFieldProps } from './use-action-form';

/**
 * "Authentication code" and, folded away, "Recovery code": the second step on /login/verify and the step-up of a
 * sensitive change ask for the same two fields.
 */
export function SecondFactorCodeFields({
  code,
  recoveryCode,
  codeHint,
  recoveryHint,
  autoFocus,
}: {
  code: ActionFieldProps;
  recoveryCode: ActionFieldProps;
  codeHint: string;
  recoveryHint: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <CodeField hint={codeHint} autoFocus={autoFocus} {...code} />
      <details className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
        <summary className="cursor-pointer font-medium">No access to your app? Use a recovery code</summary>
        <div className="mt-3">
          <Field
            label="Recovery code"
            autoComplete="off"
            spellCheck={false}
            hint={recoveryHint}
            {...recoveryCode}
            defaultValue=""
          />
        </div>
      </details>
    </>
  );
}

/** "Authentication code": the 6-digit code an authenticator app shows now. */
export function CodeField({
  hint = 'The 6-digit code your app shows now.',
  ...props
}: ActionFieldProps & { hint?: string; autoFocus?: boolean }) {
  return (
    <Field
      label="Authentication code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={9}
      hint={hint}
      {...props}
      defaultValue=""
    />
  );
}
