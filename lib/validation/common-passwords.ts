import 'server-only';
import { dictionary } from '@zxcvbn-ts/language-common';

// zxcvbn-ts ships a list of ~49k leaked passwords; only those long enough to
// pass the length rule matter here.
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    (dictionary['passwords-common'] as string[]).filter((p) => p.length >= 8).map((p) => p.toLowerCase()),
  );
  return common.has(password.toLowerCase());
}
