/**
 * Who is the client? The app reads X-Forwarded-For (sessions list, activity,
 * rate limits), so the runner rewrites the forwarding headers before Next sees
 * them: whatever a client sends itself is dropped unless it came through a
 * proxy this server was told to trust (TRUST_PROXY).
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { Trust } from '../lib/platform/runner-settings.ts';

/** One TRUST_PROXY parser, shared with the log's request-id rule (lib/platform/runner-settings.ts). */
export { parseTrustProxy, type Trust } from '../lib/platform/runner-settings.ts';

/** Headers only a proxy may set; a client's own copies are removed. */
const PROXY_HEADERS = [
  'x-forwarded-for',
  'x-real-ip',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'forwarded',
];

/** Strips the "::ffff:" of an IPv4 client on a dual-stack socket, so 127.0.0.1 reads as such. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * Rewrites the request's forwarding headers in place: X-Forwarded-For and
 * X-Real-IP become the one true client address (the right-most address that is
 * not a trusted proxy). Proto/Host/Port are kept only from a trusted proxy;
 * otherwise Next fills them in from the socket.
 */
export type ForwardingOptions = {
  /** APP_URL is https: the public reached us over TLS, so the request counts as https whatever a proxy says. */
  publicHttps?: boolean;
  /** Called when a private or loopback peer (likely a proxy) sends X-Forwarded-For that TRUST_PROXY ignores. */
  onUntrustedProxy?: (peer: string) => void;
};

const PRIVATE_PEER = proxyAddr.compile(['loopback', 'linklocal', 'uniquelocal']);

export function rewriteForwardedHeaders(
  request: IncomingMessage,
  trust: Trust,
  options: ForwardingOptions = {},
): string {
  const peer = request.socket.remoteAddress ?? '';
  const fromTrustedProxy = peer !== '' && trust(peer, 0);
  if (!fromTrustedProxy && request.headers['x-forwarded-for'] && peer !== '' && PRIVATE_PEER(plain(peer), 0)) {
    options.onUntrustedProxy?.(plain(peer));
  }
  const client = plain(fromTrustedProxy ? proxyAddr(request, trust) : peer);
  const keep = fromTrustedProxy ? new Set(['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port']) : new Set();
  for (const name of PROXY_HEADERS) if (!keep.has(name)) delete request.headers[name];
  if (client) {
    request.headers['x-forwarded-for'] = client;
    request.headers['x-real-ip'] = client;
  }
  // Behind a TLS proxy that is not (yet) trusted, cookies still get Secure and pages HSTS.
  if (options.publicHttps) request.headers['x-forwarded-proto'] = 'https';
  return client;
}
