/** The one map from error code to HTTP status; every expected failure uses one of these codes. */
export const STATUS_BY_CODE = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  misdirected: 421,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  insufficient_storage: 507,
} as const;

/** A code of STATUS_BY_CODE. */
export type ErrorCode = keyof typeof STATUS_BY_CODE;

/** A rate limit as a refusal reports it: attempts allowed per window of seconds. */
export type RateLimitPolicy = Readonly<{ limit: number; windowSeconds: number }>;

/** An expected failure: its message is safe to show the caller; `field` names the input at fault. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Seconds the caller should wait (rate limits); sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;
  /** The rate limit that refused the request; sent as RateLimit-Limit and RateLimit-Policy. */
  readonly rateLimit: RateLimitPolicy | undefined;

  constructor(code: ErrorCode, message: string, field?: string, options?: { retryAfterSeconds?: number; rateLimit?: RateLimitPolicy }) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.rateLimit = options?.rateLimit;
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

/** The JSON body of every error response. */
export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string } };

