import { z } from 'zod';

/** Response bodies shared by several routes; each route's own shape is declared beside its handler. */
export const messageBody = z.object({ message: z.string() });
export const availabilityBody = z.object({ available: z.boolean() });
