/** `next` only ever leads to a path of this app: one leading slash, no scheme, no host, no backslash tricks. */
export function safeNextPath(next: string | null | undefined, fallback = '/profile'): string {
  if (!next || typeof next !== 'string') return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || /[\u0000-\u001F\u007F]/.test(next)) return fallback;
  try {
    const url = new URL(next, 'http://profile-hub.invalid');
    if (url.origin !== 'http://profile-hub.invalid') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
