import { secondFactorMethods, totpState } from '@/lib/auth/second-factor';
import { pageData } from '@/lib/platform/outage';
import { Card } from '@/components/ui/card';
import { TwoStepPanel } from './two-step-panel';

/** Settings → Security: the "Two-step sign-in" region (an authenticator app and recovery codes). */
export async function TwoStepSettings({ userId }: { userId: number }) {
  const [state, methods] = await pageData(() => Promise.all([totpState(userId), secondFactorMethods(userId)]));
  const enabledAt = state?.confirmedAt?.toISOString() ?? null;
  return (
    <Card>
      <section aria-labelledby="two-step-heading">
        <h2 id="two-step-heading" className="text-xl font-semibold tracking-tight">
          Two-step sign-in
        </h2>
        <p className="mt-1 mb-5 text-sm text-slate-600 dark:text-slate-400">
          After your password, signing in asks for a code from an authenticator app on your phone, so a stolen password
          alone is not enough.
          {methods.includes('passkey')
            ? ' Your passkey counts as a second step too: after your password, signing in asks for it (or a code).'
            : ''}
        </p>
        <TwoStepPanel status={{ enabledAt, recoveryCodesLeft: state?.recoveryCodesLeft ?? 0, methods }} />
      </section>
    </Card>
  );
}
