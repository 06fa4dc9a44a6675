import { availabilityMessage, type Availability } from './use-availability';

export function AvailabilityNote({ kind, availability }: { kind: 'username' | 'email'; availability: Availability }) {
  const tone =
    availability.state === 'available'
      ? 'text-emerald-700 dark:text-emerald-300'
      : availability.state === 'taken'
        ? 'text-red-700 dark:text-red-300'
        : 'text-slate-600 dark:text-slate-400';
  return <span className={tone}>{availabilityMessage(kind, availability)}</span>;
}
