import { Field } from '@/components/ui/field';
import type { ActionFieldProps } from './use-action-form';

/** The password that confirms a sensitive change; never pre-filled, not even after a refusal. */
export function CurrentPasswordField(props: ActionFieldProps) {
  return <Field label="Current password" type="password" autoComplete="current-password" {...props} defaultValue="" />;
}
