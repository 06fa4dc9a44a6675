'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  confirmTotpAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  startTotpAction,
} from '@/app/actions/two-step';
import { CurrentPasswordField } from '@/components/forms/current-password-field';
import { StepUpFields, type StepUpMethods } from '@/components/forms/step-up-fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm } from '@/components/forms/action-form';
import { CodeField } from '@/components/forms/second-factor-code-fields';

/** `methods`: the account's second factors (a passkey counts even while the app is off). */
export type TwoStepStatus = { enabledAt: string | null; recoveryCodesLeft: number; methods: StepUpMethods };

/** The base32 key in groups of four, easier to type into an app by hand. */
function grouped(secret: string) {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The ten codes, shown once: copy and download, and a way to put them away. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState('');
  const text = `Profile Hub recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  return (
    <div className="space-y-4" aria-labelledby="recovery-codes-heading" role="group">
      <h3 id="recovery-codes-heading" className="font-semibold">
        Your recovery codes
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        If you lose your phone, each of these signs you in once instead of a code. Keep them somewhere safe: this is the
        only time they are shown.
      </p>
      <ol className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-sm dark:border-slate-700 dark:bg-slate-950">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied('Copied to the clipboard.'),
              () => setCopied('Copying was refused by the browser: select the codes and copy them.'),
            )
          }
        >
          Copy codes
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            const link = document.createElement('a');
            link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
            link.download = 'profile-hub-recovery-codes.txt';
            link.click();
            URL.revokeObjectURL(link.href);
          }}
        >
          Download codes
        </Button>
        <Button type="button" onClick={onDone}>
          I have saved them
        </Button>
      </div>
      <p role="status" className="text-sm">
        {copied}
      </p>
    </div>
  );
}

/** Turning it on: the password, then the QR code and key, then a code from the app. */
function Setup({ methods }: { methods: StepUpMethods }) {
  const start = useActionForm(lazySchema.startTotp, startTotpAction);
  const confirm = useActionForm(lazySchema.confirmTotp, confirmTotpAction);
  const router = useRouter();
  const pending = start.state.status === 'success' ? start.state.data : undefined;
  const codes = confirm.state.status === 'success' ? (confirm.state.data?.recoveryCodes as string[]) : undefined;

  if (codes) return <RecoveryCodes codes={codes} onDone={() => router.refresh()} />;
  if (pending) {
    return (
      <div className="space-y-5">
        <FormOutcome status="success">{start.state.message}</FormOutcome>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <div
            role="img"
            aria-label="QR code for your authenticator app"
            className="size-48 shrink-0 rounded-lg border border-slate-200 bg-white p-1 dark:border-slate-700 [&>svg]:size-full"
            // Our own server's SVG (lib/http/qr.ts), from our own otpauth URL: no markup from anyone else.
            dangerouslySetInnerHTML={{ __html: String(pending.qrSvg) }}
          />
          <div className="min-w-0 space-y-1 text-sm">
            <p className="font-medium">Or type this key into the app:</p>
            <p className="font-mono text-base break-all" data-testid="totp-secret" data-secret={String(pending.secret)}>
              {grouped(String(pending.secret))}
            </p>
            <p className="text-slate-600 dark:text-slate-400">Time-based, 6 digits, every 30 seconds.</p>
          </div>
        </div>
        <ActionForm props={confirm.formProps} label="Confirm two-step sign-in">
          <CodeField {...confirm.field('code')} />
          <FormOutcome key={confirm.outcome.at ?? 0} status={confirm.outcome.status}>
            {confirm.outcome.message}
          </FormOutcome>
          <Button type="submit" pending={confirm.pending}>
            Verify
          </Button>
        </ActionForm>
      </div>
    );
  }
  return (
    <ActionForm props={start.formProps} label="Set up two-step sign-in">
      <CurrentPasswordField {...start.field('currentPassword')} />
      <StepUpFields methods={methods} form={start} />
      <FormOutcome key={start.outcome.at ?? 0} status={start.outcome.status}>
        {start.outcome.message}
      </FormOutcome>
      <Button type="submit" pending={start.pending}>
        Set up two-step sign-in
      </Button>
    </ActionForm>
  );
}

/** While it is on: new recovery codes, or turn it off; both ask for the password and a current code (or a passkey). */
function Enabled({ status }: { status: TwoStepStatus }) {
  const regenerate = useActionForm(lazySchema.totpChange, regenerateRecoveryCodesAction, {}, { clearOnSuccess: true });
  const disable = useActionForm(lazySchema.totpChange, disableTotpAction);
  const [shownAt, setShownAt] = useState<number | undefined>();
  const codes = regenerate.state.status === 'success' ? (regenerate.state.data?.recoveryCodes as string[]) : undefined;
  if (codes && shownAt !== regenerate.state.at) {
    return <RecoveryCodes codes={codes} onDone={() => setShownAt(regenerate.state.at)} />;
  }
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <strong>On</strong> since <LocalTime iso={status.enabledAt!} />. {status.recoveryCodesLeft} of 10 recovery codes
        left.
      </p>
      <ActionForm props={regenerate.formProps} label="New recovery codes">
        <h3 className="font-semibold">New recovery codes</h3>
        <CurrentPasswordField {...regenerate.field('currentPassword')} />
        <StepUpFields methods={status.methods} form={regenerate} />
        <FormOutcome key={regenerate.outcome.at ?? 0} status={regenerate.outcome.status}>
          {regenerate.outcome.message}
        </FormOutcome>
        <Button type="submit" variant="secondary" pending={regenerate.pending}>
          Make new recovery codes
        </Button>
      </ActionForm>
      <ActionForm props={disable.formProps} label="Turn off two-step sign-in">
        <h3 className="font-semibold">Turn off two-step sign-in</h3>
        <CurrentPasswordField {...disable.field('currentPassword')} />
        <StepUpFields methods={status.methods} form={disable} />
        <FormOutcome key={disable.outcome.at ?? 0} status={disable.outcome.status}>
          {disable.outcome.message}
        </FormOutcome>
        <Button type="submit" variant="danger" pending={disable.pending}>
          Turn off two-step sign-in
        </Button>
      </ActionForm>
    </div>
  );
}

export function TwoStepPanel({ status }: { status: TwoStepStatus }) {
  // Keyed on the state, so turning it on or off starts the other view fresh.
  return status.enabledAt ? <Enabled key="on" status={status} /> : <Setup key="off" methods={status.methods} />;
}
