import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { errorResponse, jsonResponse } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async () => {
    try {
      await db().execute(sql`SELECT 1`);
      return jsonResponse({ status: 'ok' });
    } catch {
      return errorResponse('unavailable', 'The database is not answering.', { headers: { 'retry-after': '5' } });
    }
  },
}, { limited: false });
