/** A browser-side failure reported by the frontend so that it lands in the server logs. */
export interface ClientErrorReport {
  message: string;
  url: string;
  stack?: string;
}

/**
 * Largest report body the API accepts, in bytes of JSON (413 beyond): the frontend shortens
 * the stack, then the message, to fit.
 */
export const CLIENT_ERROR_MAX_BYTES = 4096;
