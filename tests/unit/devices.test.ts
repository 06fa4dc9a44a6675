import { describe, expect, it } from 'vitest';
import { describeDevice } from '@/lib/auth/devices';

describe('describeDevice', () => {
  it.each([
    ['Firefox on Windows', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'],
    [
      'Chrome on macOS',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    ],
    [
      'Safari on iOS',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    ],
    [
      'Chrome on Android',
      'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    ],
  ])('names %s', (expected, userAgent) => {
    expect(describeDevice(userAgent)).toBe(expected);
  });

  it('says "Unknown device" when there is no user agent', () => {
    expect(describeDevice('')).toBe('Unknown device');
  });

  it('shows at most 60 characters of a user agent it cannot parse', () => {
    const userAgent = '1234567890 '.repeat(10);
    expect(describeDevice(userAgent)).toBe(userAgent.slice(0, 60));
  });

  it('names the program of an API client it recognises', () => {
    expect(describeDevice('curl/8.5.0')).toMatch(/curl/i);
  });
});
