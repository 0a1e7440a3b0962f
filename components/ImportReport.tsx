import { plural } from '@/lib/platform/i18n';
import { skipReasonText } from '@/lib/platform/error-text';
import type { ResponseOf } from '@/lib/platform/messages';

/** What an import added and, entry by entry, what it skipped and why: the same for files and TikTok lists. */
export function ImportReport({ report }: { report: ResponseOf<'importFollows'> }) {
  return (
    <div class="report" data-testid="import-report" role="status">
      <p>
        {report.skipped.length
          ? plural('importAddedSkipped', report.added.length, report.skipped.length)
          : plural('importAdded', report.added.length)}
      </p>
      {report.skipped.length > 0 && (
        <ul>
          {report.skipped.map((s, i) => (
            <li key={i}>
              <code>{s.entry}</code>: {skipReasonText(s.reason)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
