/**
 * An error the server answers with: an HTTP status and a JSON body `{ erreur: { code, message } }`
 * (see /work/wt/SERVE-CONTRACT.md), the message one French sentence. `extra` fields are sent beside
 * `erreur` (the current version of a file changed on disk).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The JSON body of an error answer. */
export function errorBody(error: HttpError): Record<string, unknown> {
  return { erreur: { code: error.code, message: error.message }, ...error.extra };
}
