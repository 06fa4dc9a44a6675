/**
 * What must be released when the process stops (the database pool, timers).
 * The registry lives on globalThis under a Symbol.for key because the
 * production runner (server/start.ts) is outside Next's bundle: it reaches the
 * same hooks through the same key, without importing the app's modules.
 */
type Hook = () => void | Promise<void>;
const KEY = Symbol.for('profile-hub.shutdown-hooks');
const registry = globalThis as unknown as { [KEY]?: Map<string, Hook> };

/** Registers (or replaces, by name) something to release on shutdown. */
export function onShutdown(name: string, hook: Hook): void {
  (registry[KEY] ??= new Map()).set(name, hook);
}

/** Released after every other hook, which may still need it (an outbox pass finishing, say). */
const LAST = 'database pool';

/** Runs every hook once; a failing hook does not stop the others. */
export async function runShutdownHooks(): Promise<void> {
  const hooks = new Map(registry[KEY] ?? []);
  registry[KEY]?.clear();
  const last = hooks.get(LAST);
  hooks.delete(LAST);
  await Promise.allSettled([...hooks.values()].map(async (hook) => hook()));
  if (last) await Promise.allSettled([Promise.resolve().then(last)]);
}
