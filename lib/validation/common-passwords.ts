// zxcvbn-ts ships a list of ~49k leaked passwords. It is not imported here: this module is part of the shared schema,
// which the browser loads with /login and /signup. The server installs the list at start-up (lib/passwords.ts);
// the browser installs it when the strength hint loads it on demand.
const KEY = Symbol.for('profile-hub.common-passwords');
type Registry = { [KEY]?: Set<string> };
const registry = globalThis as Registry;

export function installCommonPasswords(words: readonly string[]): void {
  // Only those long enough to pass the length rule matter.
  registry[KEY] ??= new Set(words.filter((p) => p.length >= 8).map((p) => p.toLowerCase()));
}

export function isCommonPassword(password: string): boolean {
  const list = registry[KEY];
  if (!list) {
    // The server must never accept a password unchecked; the browser defers to the server.
    if (typeof window === 'undefined') throw new Error('The common-password list is not installed: import lib/passwords first.');
    return false;
  }
  return list.has(password.toLowerCase());
}
