import { redirect } from 'next/navigation';

/** /settings has sections of its own; the first one is the account. */
export default function SettingsPage() {
  redirect('/settings/account');
}
