import type { ApiError, ApiErrorKind } from '@/lib/socialfetch/model';
import { MAX_HANDLE_LENGTH, type HandleError } from '@/lib/domain/handle';
import type { SkipReason } from '@/lib/domain/import-format';
import { MAX_FOLLOWS, MAX_NEW_PER_IMPORT } from '@/lib/domain/follow-limit';
import { t, type MessageKey } from '@/lib/platform/i18n';

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

/** The domain and the contract answer in codes; this module alone words them for the user. */

/** What to tell the user about an API error: its kind in their language, then what the server said. */
export function apiErrorText(error: Pick<ApiError, 'kind' | 'detail' | 'message'>): string {
  if (error.message && !error.detail) return error.message;
  const text = t(KIND_MESSAGES[error.kind]);
  return error.detail ? `${text} ${error.detail}` : text;
}

const HANDLE_MESSAGES: Record<HandleError, MessageKey> = {
  empty: 'handleEmpty',
  too_long: 'handleTooLong',
  illegal_characters: 'handleIllegal',
  trailing_dot: 'handleTrailingDot',
  reserved_path: 'handleReserved',
  sec_uid: 'handleSecUid',
  share_link: 'handleShareLink',
  not_tiktok: 'handleNotTiktok',
  no_handle: 'handleNoHandle',
};

/** Why the input is not a TikTok handle, in the user's language. */
export function handleErrorMessage(error: HandleError): string {
  return t(HANDLE_MESSAGES[error], MAX_HANDLE_LENGTH);
}

/** Why an import skipped an entry. */
export function skipReasonText(reason: SkipReason): string {
  if (reason === 'not_handle') return t('importNotHandle');
  if (reason === 'already_followed') return t('importAlreadyFollowed');
  if (reason === 'list_full') return t('importListFull', MAX_FOLLOWS);
  if (reason === 'import_cap') return t('importCapped', MAX_NEW_PER_IMPORT);
  return handleErrorMessage(reason);
}
