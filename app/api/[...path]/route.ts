import { errorResponse } from '@/lib/http/responses';
import { logged } from '@/lib/http/route';

// Any /api path without a route of its own: JSON 404 for every method (logged like every API request).
const notFound = logged(async () => errorResponse('not_found', 'There is no API endpoint at this path.'));
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
