const SAME_ORIGIN = 'http://profile-hub.invalid';
// C0 controls and DEL: the URL parser silently drops tabs and newlines, which would let `/\t/host` become `//host`.
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

/** `next` only ever leads to a path of this app: one leading slash, no scheme, no host, no backslash tricks. */
export function safeNextPath(next: string | null | undefined, fallback = '/profile'): string {
  if (!next || typeof next !== 'string') return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || CONTROL_CHARACTERS.test(next)) {
    return fallback;
  }
  try {
    const url = new URL(next, SAME_ORIGIN);
    const path = url.pathname + url.search + url.hash;
    // Dot segments are resolved by the parser, so `/..//host` or `/%2e%2e//host` only shows its `//` here:
    // a browser would read that as another host.
    if (url.origin !== SAME_ORIGIN || path.startsWith('//')) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
