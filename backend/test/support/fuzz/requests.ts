import type { Server } from 'node:http';

import { ErrorCode, FieldErrorCode } from '@hyrkoll/contracts';
import request from 'supertest';

/** Raw requests (bodies, content types, multipart written by hand) and the check of the one error shape. */

export interface RawRequest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What was broken, for the failure report. */
  label: string;
}

export interface RawResponse {
  status: number;
  text: string;
  headers: Record<string, string>;
}

export async function sendRaw(server: Server, r: RawRequest): Promise<RawResponse> {
  let test = request(server)[r.method](r.path).buffer(true);
  for (const [name, value] of Object.entries(r.headers)) test = test.set(name, value);
  if (r.body !== undefined) test = test.send(r.body);
  const res = await test.parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  return { status: res.status, text: res.body as string, headers: res.headers as Record<string, string> };
}

const CODES = new Set<string>(Object.values(ErrorCode));
const FIELD_CODES = new Set<string>(Object.values(FieldErrorCode));

/**
 * What is wrong with an answer: a 5xx, or a 4xx whose body is not `{ statusCode, code,
 * message, params?, details? }` (JSON, statusCode equal to the status, a known code, a message,
 * params an object, details a list of `{ field, code, params?, message }` with a known field
 * code). Null when it is fine.
 */
export function answerProblem(res: RawResponse): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  if (!/^application\/json/.test(res.headers['content-type'] ?? ''))
    return `${res.status} with content-type ${res.headers['content-type']}: ${res.text.slice(0, 200)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    return `${res.status} with a body that is not JSON: ${res.text.slice(0, 200)}`;
  }
  const extra = Object.keys(body ?? {}).filter(
    (k) => !['statusCode', 'code', 'message', 'params', 'details'].includes(k),
  );
  const params = body?.['params'];
  const paramsOk =
    params === undefined || (typeof params === 'object' && params !== null && !Array.isArray(params));
  const details = body?.['details'];
  const detailsOk =
    details === undefined ||
    (Array.isArray(details) &&
      details.every(
        (d) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as { field?: unknown }).field === 'string' &&
          FIELD_CODES.has((d as { code?: unknown }).code as string) &&
          typeof (d as { message?: unknown }).message === 'string',
      ));
  if (
    typeof body !== 'object' ||
    body === null ||
    body['statusCode'] !== res.status ||
    !CODES.has(body['code'] as string) ||
    typeof body['message'] !== 'string' ||
    (body['message'] as string).trim() === '' ||
    extra.length > 0 ||
    !detailsOk ||
    !paramsOk
  )
    return `${res.status} not in the error shape: ${res.text.slice(0, 300)}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Multipart bodies, written by hand so that names, headers and structure can be broken.

export interface Part {
  name: string;
  /** The raw filename parameter, as it goes into the header (quotes and all are the caller's). */
  filenameHeader?: string;
  contentType?: string;
  content: Buffer;
}

export function multipart(
  parts: Part[],
  boundary = `----hyrkoll-fuzz-${Math.random().toString(16).slice(2)}`,
) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = [`form-data; name="${part.name}"`, part.filenameHeader].filter(Boolean).join('; ');
    const headers = [`Content-Disposition: ${disposition}`];
    if (part.contentType) headers.push(`Content-Type: ${part.contentType}`);
    // header values as browsers send them: UTF-8 bytes, whatever they contain
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8'), part.content);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
