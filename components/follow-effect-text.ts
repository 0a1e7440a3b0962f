import type { FollowEffect } from '@/lib/domain/model';
import { plural, t, uiLanguage } from '@/lib/platform/i18n';

/**
 * What a follow change does, said before it is made: in smart mode the budget stays and the alerts for the whole list
 * slow a little ("from about 3 to about 4 min"); in fixed mode the extra credits a day.
 */
export function followEffectText(effect: FollowEffect, adding: number): string {
  const language = uiLanguage();
  if (effect.mode === 'fixed') return t('followEffectFixed', effect.addedPerDay.toLocaleString(language), effect.pollMinutes);
  const perDay = Math.round(effect.creditsPerDay).toLocaleString(language);
  const minutes = (m: number) => m.toLocaleString(language, { maximumFractionDigits: m < 10 ? 1 : 0 });
  const total = effect.following + adding;
  if (effect.beforeMinutes === null || effect.afterMinutes === null || effect.following === 0) {
    return effect.afterMinutes === null ? t('followEffectSmartNoEstimate', perDay) : plural('followEffectSmartFirst', total, perDay, minutes(effect.afterMinutes));
  }
  return plural('followEffectSmart', total, perDay, minutes(effect.beforeMinutes), minutes(effect.afterMinutes));
}
