'use client';

import { startTransition, useRef, useState } from 'react';
import { deleteAccountAction } from '@/app/actions/account';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { lazySchema } from '@/lib/validation/lazy';
import { LocalTime } from '@/components/ui/local-time';
import { CurrentPasswordField } from './current-password-field';
import { StepUpFields, type StepUpMethods } from './step-up-fields';
import { useActionForm } from './use-action-form';
import { ActionForm } from './action-form';

/**
 * Password first, then an explicit confirmation in a modal dialog that names the day the account goes
 * (ACCOUNT_DELETION_GRACE_DAYS after now); without JavaScript the password alone confirms.
 */
export function DeleteAccountForm({ graceMs, methods = [] }: { graceMs: number; methods?: StepUpMethods }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [deletesAt, setDeletesAt] = useState<string | null>(null);
  const action = useActionForm(
    lazySchema.deleteAccount,
    deleteAccountAction,
    {},
    {
      onValid: () => {
        setDeletesAt(new Date(Date.now() + graceMs).toISOString());
        dialog.current?.showModal();
      },
    },
  );
  const { outcome, pending, formRef, formAction, field, formProps } = action;

  return (
    <ActionForm props={formProps} label="Delete account">
      <CurrentPasswordField {...field('currentPassword')} />
      <StepUpFields methods={methods} form={action} />
      <FormOutcome key={outcome.at ?? 0} status={outcome.status}>
        {outcome.message}
      </FormOutcome>
      <Button type="submit" variant="danger" pending={pending}>
        Delete account
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-dialog-title"
        aria-describedby="delete-dialog-text"
        className="m-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h3 id="delete-dialog-title" className="text-lg font-semibold">
          Delete your account for good?
        </h3>
        <p id="delete-dialog-text" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {graceMs > 0 && deletesAt ? (
            <>
              Every session ends now and your card is hidden. On <LocalTime iso={deletesAt} /> your profile card, links,
              photo and history are removed for good; until then you can cancel.
            </>
          ) : (
            'Your profile card, links, photo and every session will be removed. This cannot be undone.'
          )}
        </p>
        <div className="mt-6 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => {
              dialog.current?.close();
              const data = new FormData(formRef.current!);
              startTransition(() => formAction(data));
            }}
          >
            Yes, delete everything
          </Button>
        </div>
      </dialog>
    </ActionForm>
  );
}
