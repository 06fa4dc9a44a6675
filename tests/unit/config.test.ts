import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { config, ConfigError, configWarnings, parseAddressList } from '@/lib/platform/config';
import { parseRunnerSettings, parseTrustProxy, SettingError } from '@/lib/platform/runner-settings';
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

describe('runner settings (one parser for the runner, the log and config())', () => {
  it('defaults: port 3000, every interface, 10 s to stop, one process per core, no proxy, no metrics', () => {
    const settings = parseRunnerSettings({});
    expect(settings).toMatchObject({
      port: 3000,
      host: undefined,
      shutdownTimeoutMs: 10_000,
      workers: availableParallelism(),
    });
    expect(settings.trustsAnyProxy).toBe(false);
    expect(settings.metrics).toBeNull();
    expect(settings.logLevel).toBe('info');
  });

  it.each([
    ['SHUTDOWN_TIMEOUT_MS', '10s', /SHUTDOWN_TIMEOUT_MS="10s" must be a whole number of milliseconds/],
    ['SHUTDOWN_TIMEOUT_MS', '-1', /SHUTDOWN_TIMEOUT_MS/],
    ['PORT', 'abc', /PORT="abc" must be a whole number from 0 to 65535/],
    ['PORT', '70000', /PORT="70000"/],
    ['PORT', '3000.5', /PORT/],
    ['WEB_CONCURRENCY', '0', /WEB_CONCURRENCY="0"/],
    ['METRICS_PORT', 'yes', /METRICS_PORT="yes"/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" must be one of/],
    ['TRUST_PROXY', 'not-an-address', /TRUST_PROXY="not-an-address"/],
  ])('refuses %s=%s with a sentence naming it', (name, value, message) => {
    expect(() => parseRunnerSettings({ [name]: value })).toThrow(SettingError);
    expect(() => parseRunnerSettings({ [name]: value })).toThrow(message);
  });

  it('config() stops on the same bad runner setting, as a ConfigError', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { JWT_SECRET: 'x'.repeat(32), SHUTDOWN_TIMEOUT_MS: '10s' });
      expect(() => config()).toThrow(ConfigError);
      expect(() => config()).toThrow(/SHUTDOWN_TIMEOUT_MS="10s"/);
    } finally {
      process.env = saved;
    }
  });

  it('reads whole numbers, "auto" workers, a metrics port on loopback by default', () => {
    const settings = parseRunnerSettings({
      PORT: '0',
      SHUTDOWN_TIMEOUT_MS: '2500',
      WEB_CONCURRENCY: 'auto',
      METRICS_PORT: '9464',
    });
    expect(settings).toMatchObject({ port: 0, shutdownTimeoutMs: 2500 });
    expect(settings.workers).toBeGreaterThanOrEqual(1);
    expect(settings.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(parseRunnerSettings({ METRICS_PORT: 'off' }).metrics).toBeNull();
    expect(parseRunnerSettings({ METRICS_PORT: '0', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({
      port: 0,
      host: '10.0.0.5',
    });
  });

  it('TRUST_PROXY: one rule for "no proxy" in every spelling, for the runner and the log alike', () => {
    for (const none of [undefined, '', ' ', 'false', 'FALSE', 'False', '0', 'off', 'no']) {
      expect(parseTrustProxy(none)('127.0.0.1', 0), String(none)).toBe(false);
      expect(parseRunnerSettings({ TRUST_PROXY: none }).trustsAnyProxy, String(none)).toBe(false);
    }
    for (const some of ['1', 'loopback', '10.0.0.0/8, 127.0.0.1']) {
      expect(parseTrustProxy(some)('127.0.0.1', 0) || parseTrustProxy(some)('10.0.0.1', 0), some).toBe(true);
      expect(parseRunnerSettings({ TRUST_PROXY: some }).trustsAnyProxy, some).toBe(true);
    }
    expect(parseTrustProxy('2')('203.0.113.1', 1)).toBe(true);
    expect(parseTrustProxy('2')('203.0.113.1', 2)).toBe(false);
  });
});
