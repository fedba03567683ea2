/**
 * Google-shaped API errors: `{ error: { code, message, status, details? } }`.
 */

const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The canonical gRPC status name Google uses for an HTTP status code. */
export function statusName(code: number): string {
  return STATUS_BY_CODE[code] ?? 'UNKNOWN';
}

/** An error that the server turns into a Google error response. */
export class ApiError extends Error {
  /** HTTP status code. */
  readonly code: number;
  /** Optional `details` array of the error body. */
  readonly details: unknown[] | undefined;

  constructor(code: number, message: string, details?: unknown[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  /** The JSON body Google sends for this error. */
  toBody(): { error: { code: number; message: string; status: string; details?: unknown[] } } {
    const error: { code: number; message: string; status: string; details?: unknown[] } = {
      code: this.code,
      message: this.message,
      status: statusName(this.code),
    };
    if (this.details) error.details = this.details;
    return { error };
  }
}

/** A 400 INVALID_ARGUMENT error. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

/** The 404 Google returns for an unknown spreadsheet id. */
export function notFound(): ApiError {
  return new ApiError(404, 'Requested entity was not found.');
}

/** The 401 Google returns when no credential is sent. */
export function missingCredentials(): ApiError {
  return new ApiError(
    401,
    'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  );
}

/** The 401 Google returns for a token it does not accept. */
export function invalidCredentials(): ApiError {
  return new ApiError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  );
}

/**
 * The error an injected status fault answers with. 429 carries the quota text
 * and ErrorInfo detail Google sends for per-minute Sheets quotas.
 */
export function faultError(code: number, isRead: boolean, message?: string): ApiError {
  if (code === 429) {
    const metric = isRead ? 'Read requests' : 'Write requests';
    const quotaMetric = isRead ? 'sheets.googleapis.com/read_requests' : 'sheets.googleapis.com/write_requests';
    const limit = isRead ? 'ReadRequestsPerMinutePerUser' : 'WriteRequestsPerMinutePerUser';
    return new ApiError(
      429,
      message ??
        `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.`,
      [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: {
            quota_metric: quotaMetric,
            quota_limit: limit,
            service: 'sheets.googleapis.com',
            consumer: 'projects/000000000000',
          },
        },
      ],
    );
  }
  if (code === 500) return new ApiError(500, message ?? 'Internal error encountered.');
  if (code === 503) return new ApiError(503, message ?? 'The service is currently unavailable.');
  return new ApiError(code, message ?? `Injected fault (${code}).`);
}

/** Prefixes a batchUpdate failure the way Google does: `Invalid requests[i].kind: …`. */
export function requestError(index: number, kind: string, message: string): ApiError {
  return badRequest(`Invalid requests[${index}].${kind}: ${message}`);
}
