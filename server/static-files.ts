/**
 * Build files (/_next/static/…) are only ever read. Next answers any other
 * method on them with a 500, so the runner refuses those itself with 405,
 * before Next (and without running proxy.ts for every static file).
 */
export type Refusal = { status: number; headers: Record<string, string>; body: string };

export function staticMethodGuard(method: string, url: string): Refusal | null {
  if (method === 'GET' || method === 'HEAD' || !url.startsWith('/_next/static/')) return null;
  return {
    status: 405,
    headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: 'Method Not Allowed\n',
  };
}
