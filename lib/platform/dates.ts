/** "3 December 2026 at 06:10 UTC": a moment every reader reads the same, in mail and in API messages. */
export function utcDateTime(date: Date | string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return `${value.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}

const DURATION_UNITS: [ms: number, unit: string][] = [
  [24 * 3600_000, 'day'],
  [3600_000, 'hour'],
  [60_000, 'minute'],
];

/** "24 hours", "30 minutes", "7 days": a lifetime in the largest whole unit that counts at least two of it. */
export function duration(ms: number): string {
  const whole = DURATION_UNITS.filter(([size]) => ms % size === 0);
  const [size, unit] = whole.find(([size]) => ms / size >= 2) ?? whole[0] ?? [1000, 'second'];
  const count = Math.round(ms / size);
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
