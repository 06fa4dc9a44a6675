import { Section } from '@/components/ui/section';
import { listPasskeys } from '@/lib/account/passkeys';
import { pageData } from '@/lib/platform/outage';
import type { StepUpMethods } from '@/components/forms/step-up-fields';
import { PasskeysPanel } from './passkeys-panel';

/** Settings → "Passkeys": the account's passkeys (name, created, last used, Remove) and "Add a passkey". */
export async function Passkeys({ userId, methods }: { userId: number; methods: StepUpMethods }) {
  const keys = await pageData(() => listPasskeys(userId));
  return (
    <Section
      title="Passkeys"
      description="Sign in with your device's screen lock or a security key instead of a password."
    >
      <PasskeysPanel
        methods={methods}
        passkeys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          createdAt: key.createdAt.toISOString(),
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        }))}
      />
    </Section>
  );
}
