/** Initiative-wide roles of an account (per-organisation and per-group roles come with their domains). */
export const PLATFORM_ROLES = ['admin', 'coordinator', 'member'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const ACCOUNT_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Minimum and recommended password length (ASVS V6.2); no composition rules. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_RECOMMENDED_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** A phone number as people write it: digits, spaces, +, /, -, parentheses. */
export const PHONE_PATTERN = /^\+?[0-9 ()/-]{3,40}$/;
