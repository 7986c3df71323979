// A logged-in user of the API: session cookie and CSRF token, JSON calls, file uploads.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

const SESSION_COOKIE = 'hyrkoll_session';

async function expectJson(response, what) {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** Logs in once; the session is reused for every later call (login throttling stays out of the way). */
export async function login(baseUrl, email, password) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await expectJson(response, `login of ${email}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error(`login of ${email}: no session cookie`);
  const cookie = setCookie.split(';')[0];
  const headers = { cookie, 'x-csrf-token': body.csrfToken };
  return {
    email,
    headers,
    async get(path) {
      return expectJson(await fetch(`${baseUrl}${path}`, { headers }), `GET ${path}`);
    },
    async post(path, payload) {
      return expectJson(
        await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        }),
        `POST ${path}`,
      );
    },
    /** Uploads a file as multipart field `file`, streamed from disk. */
    async upload(path, file) {
      const form = new FormData();
      form.append('file', await openAsBlob(file, { type: 'text/csv' }), basename(file));
      return expectJson(
        await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: form }),
        `upload to ${path}`,
      );
    },
  };
}

/**
 * Polls an import until the worker has validated it and confirms it (the purchaser's second step,
 * decision 017); resolves with the confirmed import, rejects if refused.
 */
export async function confirmImport(session, id, { intervalMs = 100, timeoutMs = 30 * 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const imp = await session.get(`/api/imports/${id}`);
    if (imp.status === 'AWAITING_CONFIRMATION') return session.post(`/api/imports/${id}/confirm`, {});
    if (imp.status === 'REFUSED' || imp.status === 'FAILED') {
      throw new Error(`import ${id} ${imp.status}: ${JSON.stringify(imp.errors.slice(0, 5))}`);
    }
    if (Date.now() > deadline) throw new Error(`import ${id} still ${imp.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Polls an import until the worker has written it, confirming it once validated; resolves with
 * the import, rejects if refused.
 */
export async function waitForImport(session, id, { intervalMs = 100, timeoutMs = 30 * 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  await confirmImport(session, id, { intervalMs, timeoutMs });
  for (;;) {
    const imp = await session.get(`/api/imports/${id}`);
    if (imp.status === 'DONE') return imp;
    if (imp.status === 'REFUSED' || imp.status === 'FAILED') {
      throw new Error(`import ${id} ${imp.status}: ${JSON.stringify(imp.errors.slice(0, 5))}`);
    }
    if (Date.now() > deadline) throw new Error(`import ${id} still ${imp.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
