import { useEffect, useState } from 'preact/hooks';
import { KeyForm } from '@/components/KeyForm';
import { exportFileSchema, exportFollows } from '@/lib/follows';
import { creditsPerDay } from '@/lib/format';
import { send, type ResponseOf } from '@/lib/messages';
import { settingsItem, settingsSchema, type Settings } from '@/lib/storage';
import { useSnapshot } from '@/lib/use-snapshot';

export function App() {
  const snapshot = useSnapshot();
  const [account, setAccount] = useState<ResponseOf<'account'> | null>(null);
  const [accountError, setAccountError] = useState<string | null>(null);

  useEffect(() => {
    if (snapshot.keyState.state !== 'valid' && snapshot.keyState.state !== 'out_of_credits') return setAccount(null);
    send({ type: 'account' }).then(setAccount, (e: unknown) => setAccountError(e instanceof Error ? e.message : String(e)));
  }, [snapshot.keyState.state]);

  return (
    <main class="options">
      <h1>Live Radar</h1>
      <p class="muted">
        Know when the TikTok creators you follow go live: a badge on their profiles, a live count on the toolbar, a
        notification when they start, and stream links in the popup.
      </p>

      <section aria-labelledby="key-heading">
        <h2 id="key-heading">Social Fetch API key</h2>
        <p class="hint">
          Live Radar checks live status through Social Fetch with your own key. Create one at{' '}
          <a href="https://socialfetch.dev" target="_blank" rel="noopener noreferrer">socialfetch.dev</a>. Each profile check
          costs one credit; checking the key and the balance is free.
        </p>
        <KeyForm
          keyState={snapshot.keyState}
          onSave={async (key) => void (await send({ type: 'saveKey', key }))}
          onRemove={async () => void (await send({ type: 'removeKey' }))}
        />
        {account && (
          <p data-testid="account">
            Signed in as <strong>{account.name ?? account.email ?? 'unknown'}</strong>
            {account.email && account.name ? ` (${account.email})` : ''} · balance{' '}
            <strong>{account.balance ?? '—'}</strong> credits · spent by Live Radar: {account.spentToday} today,{' '}
            {account.spentWeek} in the last 7 days
          </p>
        )}
        {accountError && <p class="error">{accountError}</p>}
      </section>

      <SettingsForm settings={snapshot.settings} follows={snapshot.follows.length} />

      <section aria-labelledby="demo-heading">
        <h2 id="demo-heading">Demo mode</h2>
        <label class="field">
          <input
            type="checkbox"
            checked={snapshot.demo}
            onChange={(e) => void send({ type: 'setDemo', on: e.currentTarget.checked })}
          />
          Use simulated creators (no key needed, no credits spent, nothing leaves your browser)
        </label>
      </section>

      <ImportExport follows={snapshot.follows} />
    </main>
  );
}

function SettingsForm({ settings, follows }: { settings: Settings; follows: number }) {
  const [error, setError] = useState<string | null>(null);

  async function change(patch: Partial<Settings>) {
    const parsed = settingsSchema.safeParse({ ...settings, ...patch });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Invalid value.');
    setError(null);
    await settingsItem.set(parsed.data);
  }
  const number = (key: keyof Settings) => (e: Event) => {
    const value = Number((e.currentTarget as HTMLInputElement).value);
    void change({ [key]: value });
  };
  const toggle = (key: keyof Settings) => (e: Event) => void change({ [key]: (e.currentTarget as HTMLInputElement).checked });

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Checking and notifications</h2>
      <label class="field">
        Check followed creators every
        <input type="number" min={0.5} max={1440} step={0.5} value={settings.pollMinutes} onChange={number('pollMinutes')} />
        minutes
        <span class="hint" data-testid="credit-estimate">
          ≈ {creditsPerDay(follows, settings.pollMinutes).toLocaleString()} credits/day for your {follows} follow
          {follows === 1 ? '' : 's'}
        </span>
      </label>
      <label class="field">
        Reuse a result for
        <input type="number" min={10} max={3600} step={10} value={settings.freshnessSeconds} onChange={number('freshnessSeconds')} />
        seconds (no credit spent inside this window)
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.checkVisitedProfiles} onChange={toggle('checkVisitedProfiles')} />
        Check profiles I visit on TikTok (at most
        <input type="number" min={1} max={120} value={settings.visitLookupsPerMinute} onChange={number('visitLookupsPerMinute')} />
        a minute)
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.notifications} onChange={toggle('notifications')} />
        Desktop notification when a followed creator goes live
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.notifyNewFollows} onChange={toggle('notifyNewFollows')} />
        Notifications on for newly followed creators
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.persistentNotifications} onChange={toggle('persistentNotifications')} />
        Keep notifications on screen until dismissed (Chrome)
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.silentNotifications} onChange={toggle('silentNotifications')} />
        Silent notifications (Chrome)
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function ImportExport({ follows }: { follows: { handle: string; addedAt: number; notify: boolean }[] }) {
  const [report, setReport] = useState<ResponseOf<'importFollows'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  function exportList() {
    const blob = new Blob([exportFollows(follows, Date.now())], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: 'live-radar-follows.json' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function importFile(file: File) {
    setReport(null);
    setError(null);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return setError('That file is not JSON. Nothing was changed.');
    }
    const parsed = exportFileSchema.safeParse(json);
    if (!parsed.success) {
      return setError('That file is not a Live Radar follow list (or is from a newer version). Nothing was changed.');
    }
    try {
      setReport(await send({ type: 'importFollows', follows: parsed.data.follows }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section aria-labelledby="io-heading">
      <h2 id="io-heading">Import and export</h2>
      <div class="field">
        <button type="button" onClick={exportList}>Export follow list</button>
        <label>
          Import follow list{' '}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void importFile(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      {error && (
        <p class="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {report && (
        <div class="report" data-testid="import-report" role="status">
          <p>
            Added {report.added.length} creator{report.added.length === 1 ? '' : 's'}
            {report.skipped.length ? `, skipped ${report.skipped.length}` : ''}.
          </p>
          {report.skipped.length > 0 && (
            <ul>
              {report.skipped.map((s, i) => (
                <li key={i}>
                  <code>{s.entry}</code>: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

