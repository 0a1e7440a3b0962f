import { useMemo } from 'preact/hooks';
import type { Variant } from '@/lib/socialfetch/model';
import { t } from '@/lib/platform/i18n';
import { FORMAT_NAMES, linksAsText, streamLinks } from '@/lib/domain/stream-links';
import { CopyButton } from './CopyButton';

/**
 * A live's stream links: the one to use first (with what plays it), then every link by quality, "Copy all", and why a
 * link can stop working. Tab order follows this visual order.
 */
export function Variants({ variants, demo = false, copy }: { variants: Variant[]; demo?: boolean; copy: (text: string) => Promise<void> }) {
  const links = useMemo(() => streamLinks(variants), [variants]);
  if (!links.groups.length) return <p class="muted variants" data-testid="variants">{t('variantsNone')}</p>;
  const { recommended } = links;
  return (
    <div class="variants" data-testid="variants">
      {demo && <p class="note">{t('linksDemo')}</p>}
      {recommended && (
        <section class="recommended" aria-labelledby="links-recommended">
          <div class="variant" data-testid="recommended-link">
            <span>
              <strong id="links-recommended">{t('linksRecommended')}</strong> {recommended.quality} · {FORMAT_NAMES[recommended.format]}
            </span>
            <CopyButton
              text={recommended.url}
              label={t('copyFormat', FORMAT_NAMES[recommended.format])}
              accessibleName={t('linksRecommendedCopy', `${recommended.quality}, ${FORMAT_NAMES[recommended.format]}`)}
              copy={copy}
            />
          </div>
          <p class="muted hint">{t('linksPlayHint')}</p>
        </section>
      )}
      <section aria-labelledby="links-all">
        <h2 id="links-all">{t('linksAll')}</h2>
        {links.groups.map((group, i) => {
          const name = group.hevc ? `${group.quality}, HEVC` : group.quality;
          return (
            <div key={i} class="variant" data-testid="variant">
              <span class="variant-meta">
                <strong>{group.quality}</strong>
                {group.hevc && <span class="hevc"> {t('linksHevc')}</span>}
                {group.detail && <span class="muted"> · {group.detail}</span>}
              </span>
              <span class="variant-actions">
                {group.links.map((link) => (
                  <CopyButton
                    key={link.format}
                    text={link.url}
                    label={FORMAT_NAMES[link.format]}
                    accessibleName={t('copyFormatLabel', FORMAT_NAMES[link.format], name)}
                    copy={copy}
                  />
                ))}
              </span>
            </div>
          );
        })}
      </section>
      <div class="links-footer">
        <CopyButton text={linksAsText(links)} label={t('linksCopyAll')} accessibleName={t('linksCopyAllLabel')} copy={copy} />
        <span class="muted">{t('linksExpire')}</span>
      </div>
    </div>
  );
}
