/** "3 December 2026 at 06:10 UTC": a moment every reader reads the same, in mail and in API messages. */
export function utcDateTime(date: Date | string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return `${value.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}
