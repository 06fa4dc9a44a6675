import english from 'i18n-iso-countries/langs/en.json';

/**
 * ISO 3166-1 countries with English names (i18n-iso-countries: the first name is shown, every name is recognised),
 * and their ISO 3166-2 subdivisions (iso-3166), loaded on demand: ~56 kB gzipped, only when a form needs them.
 * Profiles keep free text (old clients and imported rows send any string): these lists only help people pick.
 */
export type Country = { code: string; name: string; names: string[] };

/** Case, accents and spacing do not tell two place names apart ("cote d'ivoire" is "Côte d'Ivoire"). */
export function foldPlaceName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export const COUNTRIES: Country[] = Object.entries(english.countries as Record<string, string | string[]>)
  .map(([code, names]) => {
    const list = Array.isArray(names) ? names : [names];
    return { code, name: list[0]!, names: list };
  })
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

const byName = new Map<string, Country>();
for (const country of COUNTRIES) {
  for (const name of country.names) if (!byName.has(foldPlaceName(name))) byName.set(foldPlaceName(name), country);
}

/** The country a typed name means, if it is one of the names the list knows. */
export function findCountry(text: string): Country | undefined {
  return byName.get(foldPlaceName(text));
}

/** Subdivision names of a country (ISO 3166-2, every level), sorted, without duplicates. */
export async function loadSubdivisions(countryCode: string): Promise<string[]> {
  const { iso31662 } = await import('iso-3166/2.js');
  const prefix = `${countryCode}-`;
  const names = new Set(iso31662.filter((entry) => entry.code.startsWith(prefix)).map((entry) => entry.name));
  return [...names].sort((a, b) => a.localeCompare(b, 'en'));
}

/** The listed spelling of a typed subdivision name, if it is one. */
export function findSubdivision(names: readonly string[], text: string): string | undefined {
  const folded = foldPlaceName(text);
  return folded ? names.find((name) => foldPlaceName(name) === folded) : undefined;
}
