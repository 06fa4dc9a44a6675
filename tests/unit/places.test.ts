import { describe, expect, it } from 'vitest';
import { COUNTRIES, findCountry, findSubdivision, foldPlaceName, loadSubdivisions } from '@/lib/account/places';

describe('places', () => {
  it('lists every ISO 3166-1 country once, sorted by name', () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(249);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    const names = COUNTRIES.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('recognises other names, case and accents', () => {
    expect(findCountry('USA')?.code).toBe('US');
    expect(findCountry('  united   kingdom ')?.code).toBe('GB');
    expect(findCountry("cote d'ivoire")?.code).toBe('CI');
    expect(findCountry('Narnia')).toBeUndefined();
    expect(findCountry('')).toBeUndefined();
    expect(foldPlaceName('Argeș')).toBe('arges');
  });

  it('loads the subdivisions of one country, with their listed spelling', async () => {
    const romania = await loadSubdivisions('RO');
    expect(romania).toContain('Argeș');
    expect(romania).toContain('București');
    expect(findSubdivision(romania, 'arges')).toBe('Argeș');
    expect(findSubdivision(romania, 'Atlantis')).toBeUndefined();
    expect(await loadSubdivisions('AQ')).toEqual([]);
  });
});
