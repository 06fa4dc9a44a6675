import { describe, expect, it } from 'vitest';
import { LEGACY_COST_LIMITS, parseWerkzeugHash, verifyWerkzeugHash } from '@/lib/auth/legacy-passwords';

// Made by Werkzeug itself (the Flask seed fixture), and by Python's hashlib for the rarer forms.
const WERKZEUG = {
  scrypt: {
    password: 'amber-forest-620-0',
    hash: 'scrypt:32768:8:1$nKvHx3XrOZwRyhM8$eabb229f26c10b6f1ae2bb218a1d8497611a5454e82b0431fb8a70408bfb533fcf2da78a4620fc4637dd24975e80c771cd355831d854c2a18172627bb5756455',
  },
  pbkdf2_260k: {
    password: 'green-river-651-1',
    hash: 'pbkdf2:sha256:260000$K3tWLYirubqMnLHq$aa43ef0153fa8d116926df57d387d0e94012d3723972afc958f48ff1e42677fd',
  },
  pbkdf2_600k: {
    password: 'green-stone-153-7',
    hash: 'pbkdf2:sha256:600000$H17Gfp5jdXw1rjW1$78bc622fcdf515b6a97a92938dabea0d2f53de6421556530d53a7461e0068790',
  },
  sha512_utf8: {
    password: 'pässwörd',
    hash: 'pbkdf2:sha512:1000$SaltSalt$afec46d54e21045556818e940acb3bae18bc7d462ac799ad448b8cc8c83d2924abcdd06645ca21705dc3752083f31f8f1ca8f200fe489d1ec0720e8b622dbb5b',
  },
  pbkdf2_defaults: {
    password: 'correct horse',
    hash: 'pbkdf2$Xy12$0e275ea1006eec96388e65cc6bfe66cb1e0b09c4a530311f6de5f9f9a1c7ca51',
  },
  scrypt_defaults: {
    password: 'correct horse',
    hash: 'scrypt$abcDEF$fcc21846a5f4c900535ed6c294420eb24725f36f62ad74b133aeb4265b3853bb854dd318c2c1fad108afead6ac4eb316617e9c511099c05a839fc599090fa457',
  },
  scrypt_p2: {
    password: 'x',
    hash: 'scrypt:1024:4:2$q9$f8a908693da532594afa242240c296d5c0d22c023d2c41cebdd6b58bd023be8e9b7cc9780dccac148b4fa89eee7f94252037db0d879cd2d3ca78028803222968',
  },
};

describe('Werkzeug hashes', () => {
  for (const [name, { password, hash }] of Object.entries(WERKZEUG)) {
    it(`${name}: the right password matches, a wrong one does not`, async () => {
      expect(await verifyWerkzeugHash(password, hash)).toBe(true);
      expect(await verifyWerkzeugHash(`${password}!`, hash)).toBe(false);
      expect(
        await verifyWerkzeugHash(password.toUpperCase() === password ? 'other' : password.toUpperCase(), hash),
      ).toBe(false);
    }, 30_000); // 600,000 rounds three times, on a busy machine
  }

  it('reads the parameters the method names, and the defaults when it names none', () => {
    expect(parseWerkzeugHash(WERKZEUG.pbkdf2_600k.hash)).toMatchObject({
      ok: true,
      hash: { scheme: 'pbkdf2', digest: 'sha256', iterations: 600_000 },
    });
    expect(parseWerkzeugHash(WERKZEUG.pbkdf2_defaults.hash)).toMatchObject({
      ok: true,
      hash: { digest: 'sha256', iterations: 600_000 },
    });
    expect(parseWerkzeugHash(WERKZEUG.scrypt_defaults.hash)).toMatchObject({
      ok: true,
      hash: { scheme: 'scrypt', N: 32768, r: 8, p: 1 },
    });
    expect(parseWerkzeugHash(WERKZEUG.scrypt.hash)).toMatchObject({ ok: true, hash: { salt: 'nKvHx3XrOZwRyhM8' } });
  });

  const hex64 = 'a'.repeat(64);
  const hex128 = 'b'.repeat(128);
  it.each([
    ['pbkdf2:sha256:1000000000$salt$' + hex64, /absurd cost/],
    [`pbkdf2:sha256:${LEGACY_COST_LIMITS.maxPbkdf2Iterations + 1}$salt$${hex64}`, /absurd cost/],
    ['scrypt:2097152:8:1$salt$' + hex128, /absurd cost/],
    ['scrypt:1048576:8:1$salt$' + hex128, /absurd cost/],
    ['scrypt:16384:8:1000$salt$' + hex128, /absurd cost/],
    ['scrypt:16384:99999999:1$salt$' + hex128, /absurd cost/],
    ['scrypt:1000:8:1$salt$' + hex128, /power of two/],
    ['scrypt:16384:8$salt$' + hex128, /N, r and p/],
    ['pbkdf2:sha256:0$salt$' + hex64, /positive/],
    ['pbkdf2:sha256:-5$salt$' + hex64, /positive/],
    ['pbkdf2:sha256:1e6$salt$' + hex64, /positive/],
    ['pbkdf2:md5:1000$salt$' + hex64, /unsupported pbkdf2 digest/],
    ['pbkdf2:sha256:1000$salt$' + hex64.slice(2), /64 lower-case hex/],
    ['pbkdf2:sha256:1000$salt$' + hex64.toUpperCase(), /64 lower-case hex/],
    ['pbkdf2:sha256:1000$$' + hex64, /salt/],
    ['pbkdf2:sha256:1000$sa lt$' + hex64, /salt/],
    ['pbkdf2:sha256:1000$salt', /method\$salt\$hash/],
    ['sha256$salt$' + hex64, /unknown hash method/],
    ['plain$$secret', /unknown hash method/],
    ['', /method\$salt\$hash/],
  ])('refuses %s without computing it', async (hash, reason) => {
    const parsed = parseWerkzeugHash(hash);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
    const started = performance.now();
    expect(await verifyWerkzeugHash('anything', hash)).toBe(false);
    // Fail closed: no derivation at all, so no measurable time (a real check of 10⁹ rounds would take minutes).
    expect(performance.now() - started).toBeLessThan(50);
  });
});
