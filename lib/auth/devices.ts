import Bowser from 'bowser';

/** "Firefox on Windows", from a user agent; "Unknown device" when there is none. */
export function describeDevice(userAgent: string): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || userAgent.slice(0, 60);
}
