import type { ApiError, ApiErrorKind } from './socialfetch/model';
import { t, type MessageKey } from './i18n';

const KIND_MESSAGES: Record<ApiErrorKind, MessageKey> = {
  unauthorized: 'apiUnauthorized',
  insufficient_credits: 'apiInsufficientCredits',
  rate_limited: 'apiRateLimited',
  bad_request: 'apiBadRequest',
  lookup_failed: 'apiLookupFailed',
  temporarily_unavailable: 'apiTemporarilyUnavailable',
  internal_error: 'apiInternalError',
  network: 'apiNetwork',
  timeout: 'apiTimeout',
  malformed_response: 'apiMalformed',
  redirected: 'apiRedirected',
};

/** What to tell the user about an API error: its kind in their language, then what the server said. */
export function apiErrorText(error: Pick<ApiError, 'kind' | 'detail' | 'message'>): string {
  if (error.message && !error.detail) return error.message;
  const text = t(KIND_MESSAGES[error.kind]);
  return error.detail ? `${text} ${error.detail}` : text;
}
