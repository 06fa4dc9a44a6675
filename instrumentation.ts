export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before any request is parsed with the shared password schema (it refuses to run without the list).
    await import('./lib/validation/common-password-list');
    await import('./lib/startup').then((startup) => startup.startServer());
  }
}
