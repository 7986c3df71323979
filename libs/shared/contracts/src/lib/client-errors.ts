/** A browser-side failure reported by the frontend so that it lands in the server logs. */
export interface ClientErrorReport {
  message: string;
  url: string;
  stack?: string;
}
