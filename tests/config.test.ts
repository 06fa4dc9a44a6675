import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, parseAddressList } from '@/lib/platform/config';
import { loginPauseMs } from '@/lib/auth/login-pause';
import { addressUnit } from '@/lib/security/rate-limit';

describe('start-up warnings', () => {
  it('says that LOGIN_FAILURE_LIMIT is gone and what replaced it', () => {
    const [warning] = configWarnings({ LOGIN_FAILURE_LIMIT: '10' });
    expect(warning).toMatch(/LOGIN_FAILURE_LIMIT is no longer used/);
    expect(warning).toMatch(/RATE_LIMIT_LOGIN_PER_MINUTE/);
  });

  it('warns that RATE_LIMIT_DISABLED turns throttling off, and says nothing by default', () => {
    expect(configWarnings({ RATE_LIMIT_DISABLED: '1' })).toEqual([expect.stringMatching(/NOT throttled/)]);
    expect(configWarnings({})).toEqual([]);
  });
});

describe('RATE_LIMIT_EXEMPT_ADDRESSES', () => {
  it('takes addresses and CIDRs of both families, and refuses anything else at start', () => {
    const list = parseAddressList(' 127.0.0.1, 10.0.0.0/8 ,::1, 2001:db8::/32');
    expect(['127.0.0.1', '10.200.3.4'].map((address) => list.check(address, 'ipv4'))).toEqual([true, true]);
    expect(['::1', '2001:db8:5::9'].map((address) => list.check(address, 'ipv6'))).toEqual([true, true]);
    expect(list.check('127.0.0.2', 'ipv4')).toBe(false);
    expect(parseAddressList('').check('127.0.0.1', 'ipv4')).toBe(false);
    for (const bad of ['localhost', '10.0.0.0/33', '1.2.3', '::1/129'])
      expect(() => parseAddressList(bad)).toThrow(ConfigError);
  });

  it('is named in a start-up warning when set', () => {
    expect(configWarnings({ RATE_LIMIT_EXEMPT_ADDRESSES: '127.0.0.1' })).toEqual([
      expect.stringMatching(/127\.0\.0\.1 are not counted against any per-address limit/),
    ]);
    expect(configWarnings({ RATE_LIMIT_DISABLED: '1', NODE_ENV: 'production' })).toEqual([]);
  });
});

describe('login pause', () => {
  it('is free for 4 failures, then 1 s doubling up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(loginPauseMs)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(loginPauseMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(loginPauseMs(14)).toBe(512_000);
    expect(loginPauseMs(15)).toBe(900_000);
    expect(loginPauseMs(60_000)).toBe(900_000);
  });
});

describe('address unit', () => {
  it('counts IPv4 addresses singly and IPv6 by /64, mapped IPv4 as IPv4', () => {
    expect(addressUnit('203.0.113.7')).toBe('203.0.113.7');
    expect(addressUnit('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressUnit('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressUnit('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressUnit('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressUnit('')).toBe('');
  });
});
