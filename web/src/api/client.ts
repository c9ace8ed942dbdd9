// The typed REST client: openapi-fetch over the paths generated from openapi.json.
// Every request goes same-origin with the session cookie; state-changing requests carry the
// session's CSRF token. A 401 outside the login itself sends the console back to the login page.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

let csrfToken = '';
let onUnauthenticated: () => void = () => {};

/** The CSRF token of the current session (kept in memory only). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the API answers 401 to anything but the session endpoint. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A bearer token for development against a kensa without the session endpoints. */
export const devToken: string = import.meta.env.DEV ? (import.meta.env.VITE_DEV_TOKEN ?? '') : '';

const authMiddleware: Middleware = {
  onRequest({ request }) {
    if (STATE_CHANGING.has(request.method) && csrfToken) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    if (import.meta.env.DEV && devToken) {
      request.headers.set('Authorization', `Bearer ${devToken}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/api/v1/session')) {
      onUnauthenticated();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(authMiddleware);
