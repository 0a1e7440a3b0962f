import type { Variant } from '@/lib/socialfetch/model';
import { t } from '@/lib/platform/i18n';
import { formatBitrate } from '@/lib/domain/format';
import { CopyButton } from './CopyButton';

const FORMATS = [
  ['hls', 'HLS'],
  ['flv', 'FLV'],
  ['cmaf', 'CMAF'],
] as const;

/** Playback variants grouped by quality key; a format the API did not give gets no button. */
export function Variants({ variants, copy }: { variants: Variant[]; copy: (text: string) => Promise<void> }) {
  if (!variants.length) return <p class="muted">{t('variantsNone')}</p>;
  const groups = new Map<string, Variant[]>();
  for (const v of variants) groups.set(v.quality, [...(groups.get(v.quality) ?? []), v]);
  return (
    <div class="variants" data-testid="variants">
      {[...groups].map(([quality, list]) => (
        <section key={quality} class="variant-group" aria-label={t('variantsQuality', quality)}>
          <h4>{list[0]?.label ?? quality}</h4>
          {list.map((v, i) => {
            const name = [v.label ?? v.quality, v.source === 'hevc' ? 'HEVC' : null].filter(Boolean).join(', ');
            return (
              <div key={i} class="variant" data-testid="variant">
                <span class="variant-meta">
                  {[v.resolution, v.bitrate !== null ? formatBitrate(v.bitrate) : null, v.codec?.toUpperCase(), v.source]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <span class="variant-actions">
                  {FORMATS.map(([key, label]) => {
                    const url = v[key];
                    return url ? (
                      <CopyButton key={key} text={url} label={t('copyFormat', label)} accessibleName={t('copyFormatLabel', label, name)} copy={copy} />
                    ) : null;
                  })}
                </span>
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
