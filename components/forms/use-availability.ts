'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export type Availability = { state: 'unknown' | 'checking' | 'available' | 'taken' | 'error'; value?: string };

// The schemas load with the first check, not with the page (see lib/validation/lazy.ts).
const ENDPOINT = {
  username: {
    path: '/api/checkUsername',
    schema: () => import('@/lib/validation/account').then((m) => m.checkUsernameSchema),
  },
  email: { path: '/api/checkEmail', schema: () => import('@/lib/validation/account').then((m) => m.checkEmailSchema) },
} as const;

/**
 * Asks the API whether a username or email is free; only well-formed values are sent, and stale answers are dropped.
 */
export function useAvailability(kind: 'username' | 'email', { debounceMs = 0 }: { debounceMs?: number } = {}) {
  const [availability, setAvailability] = useState<Availability>({ state: 'unknown' });
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const checkNow = useCallback(
    async (raw: string) => {
      const { path, schema } = ENDPOINT[kind];
      const request = ++latest.current;
      const parsed = (await schema()).safeParse({ [kind]: raw });
      if (request !== latest.current) return;
      if (!parsed.success) return setAvailability({ state: 'unknown' });
      const value = (parsed.data as Record<string, string>)[kind]!;
      setAvailability({ state: 'checking', value });
      try {
        const response = await fetch(`${path}?${new URLSearchParams({ [kind]: value })}`, {
          headers: { accept: 'application/json' },
        });
        const body = (await response.json()) as { available?: boolean };
        if (request !== latest.current) return;
        setAvailability(
          response.ok && typeof body.available === 'boolean'
            ? { state: body.available ? 'available' : 'taken', value }
            : { state: 'error', value },
        );
      } catch {
        if (request === latest.current) setAvailability({ state: 'error', value });
      }
    },
    [kind],
  );

  const check = useCallback(
    (raw: string) => {
      clearTimeout(timer.current);
      if (debounceMs <= 0) return void checkNow(raw);
      timer.current = setTimeout(() => void checkNow(raw), debounceMs);
    },
    [checkNow, debounceMs],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  return { availability, check };
}

export function availabilityMessage(kind: 'username' | 'email', availability: Availability): string {
  const noun = kind === 'username' ? 'username' : 'email address';
  switch (availability.state) {
    case 'checking':
      return `Checking whether this ${noun} is free…`;
    case 'available':
      return `✓ ${availability.value} is available.`;
    case 'taken':
      return kind === 'username'
        ? `✗ ${availability.value} is taken.`
        : `✗ An account with ${availability.value} already exists.`;
    case 'error':
      return `Could not check the ${noun} right now.`;
    default:
      return '';
  }
}
