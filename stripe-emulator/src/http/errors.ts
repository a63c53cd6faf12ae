export type ErrorType = 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'api_error';

/** An error that becomes Stripe's `{ error: { type, code, message, param } }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { type: this.type, message: this.message };
    if (this.code) {
      error.code = this.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}`;
    }
    if (this.param) error.param = this.param;
    return { error: { ...error, ...this.extra } };
  }
}

export function invalid(message: string, param?: string, code?: string): ApiError {
  return new ApiError(400, 'invalid_request_error', message, code, param);
}

/** Stripe reads `name=` as unsetting; a parameter that cannot be unset is refused this way. */
export function emptyParam(param: string): ApiError {
  return invalid(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    param, 'parameter_invalid_empty');
}

export function missingParam(param: string): ApiError {
  return new ApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param);
}

/** 404 when the id is in the path; 400 when it is a parameter referencing another object. */
export function noSuch(objectName: string, id: string, param = 'id'): ApiError {
  const status = param === 'id' ? 404 : 400;
  return new ApiError(status, 'invalid_request_error', `No such ${objectName}: '${id}'`, 'resource_missing', param);
}

export function cardDeclined(chargeContext: Record<string, unknown> = {}): ApiError {
  return new ApiError(402, 'card_error', 'Your card was declined.', 'card_declined', undefined, {
    decline_code: 'generic_decline',
    ...chargeContext,
  });
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, 'invalid_request_error', message);
}
