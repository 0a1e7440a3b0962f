import { skipReasonText } from '@/lib/platform/error-text';
import { describe, expect, it } from 'vitest';
import { exportFollows, MAX_IMPORT_ENTRIES, planImport, readImportFile, type ImportEntry } from '@/lib/domain/import-format';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const file = (follows: unknown[], extra: object = {}) => JSON.stringify({ app: 'live-radar', version: 1, exportedAt: 'x', follows, ...extra });

describe('reading an import file', () => {
  it('reads an export of this build back, pins included', () => {
    const follows = [{ handle: 'sunny.cooks', addedAt: 5, notify: false }, { handle: 'night.owl', addedAt: 6, notify: true }];
    expect(readImportFile(exportFollows(follows, new Set(['night.owl']), NOW))).toEqual({
      ok: true,
      entries: [follows[0], { ...follows[1], pinned: true }],
    });
    const plan = planImport([{ handle: 'sunny.cooks' }, { handle: 'night.owl', pinned: true }, { handle: 'old.pin', pinned: true }], new Set(['old.pin']), true, NOW);
    expect(plan.pinned).toEqual(['night.owl', 'old.pin']);
  });

  it('reads a plain list of handles and profile links, one per line or comma separated, with or without a header', () => {
    const text = 'handle\n@sunny.cooks\r\nhttps://www.tiktok.com/@quiet_maker?lang=en, "night_owl"\n\n';
    expect(readImportFile(text)).toEqual({
      ok: true,
      entries: [{ handle: '@sunny.cooks' }, { handle: 'https://www.tiktok.com/@quiet_maker?lang=en' }, { handle: 'night_owl' }],
    });
  });

  it('reads only the handle column of a table with a header: its flags and dates are not creators', () => {
    const text = 'notify;Username;addedAt\r\ntrue;sunny.cooks;1700000000000\nfalse;"night_owl";1700000000001\n';
    expect(readImportFile(text)).toEqual({ ok: true, entries: [{ handle: 'sunny.cooks' }, { handle: 'night_owl' }] });
    // One line is a list, not a header: `user` is a handle like any other.
    expect(readImportFile('sunny,user,moon')).toEqual({ ok: true, entries: [{ handle: 'sunny' }, { handle: 'user' }, { handle: 'moon' }] });
  });

  it.each([
    ['{"app":"other","version":1,"follows":[]}', 'wrong_app'],
    ['{"app":"live-radar","version":99,"exportedAt":"x","follows":["a"]}', 'newer_version'],
    ['{ not json', 'not_json'],
    ['\n \n', 'empty'],
  ])('%s → %s, nothing sent', (text, error) => {
    expect(readImportFile(text)).toMatchObject({ ok: false, error });
  });

  it('says how many entries a too-large file has, and the limit', () => {
    const big = file(Array.from({ length: MAX_IMPORT_ENTRIES + 1 }, (_, i) => `c${i}`));
    expect(readImportFile(big)).toEqual({ ok: false, error: 'too_many', count: MAX_IMPORT_ENTRIES + 1 });
  });

  it('flattens every entry to primitives: a deeply nested one is named and skipped, not fatal', () => {
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    const text = `{"app":"live-radar","version":1,"exportedAt":"x","follows":[${deep},{"handle":"ok.one","extra":{"nested":{"more":1}}},42]}`;
    const read = readImportFile(text);
    expect(read).toEqual({ ok: true, entries: [{ unreadable: '[…]' }, { handle: 'ok.one' }, { unreadable: '42' }] });
  });
});

describe('planning an import', () => {
  it('adds only as many as the list has room for, and says why the rest were not', () => {
    const plan = planImport([{ handle: 'a.one' }, { handle: 'b.two' }, { handle: 'c.three' }], new Set(), true, NOW, 2);
    expect(plan.added.map((f) => f.handle)).toEqual(['a.one', 'b.two']);
    expect(plan.skipped).toEqual([{ entry: 'c.three', reason: 'list_full' }]);
    expect(skipReasonText('list_full')).toBe('Not added: the list is full (5000 creators).');
  });

  const plan = (entries: ImportEntry[], existing: string[] = []) => planImport(entries, new Set(existing), true, NOW);

  it('adds valid handles once, and says why each other entry was skipped', () => {
    const result = plan(
      [{ handle: '@Sunny.Cooks' }, { handle: 'sunny.cooks' }, { handle: 'kept' }, { handle: 'MS4wLjABAAAAxyz' }, { unreadable: '{"evil":1}' }],
      ['kept'],
    );
    expect(result.added.map((f) => f.handle)).toEqual(['sunny.cooks']);
    expect(result.skipped.map((s) => [s.entry, skipReasonText(s.reason)])).toEqual([
      ['sunny.cooks', 'Already followed.'],
      ['kept', 'Already followed.'],
      ['MS4wLjABAAAAxyz', expect.stringMatching(/internal id/i)],
      ['{"evil":1}', 'Not a handle.'],
    ]);
  });

  it('keeps a valid date and notify choice; a date out of range or in the future counts from now', () => {
    const result = plan([
      { handle: 'a', addedAt: 1_700_000_000_000, notify: false },
      { handle: 'b', addedAt: 1e20 },
      { handle: 'c', addedAt: NOW + 86_400_000 },
      { handle: 'd', addedAt: -1 },
    ]);
    expect(result.added).toEqual([
      { handle: 'a', addedAt: 1_700_000_000_000, notify: false },
      { handle: 'b', addedAt: NOW, notify: true },
      { handle: 'c', addedAt: NOW, notify: true },
      { handle: 'd', addedAt: NOW, notify: true },
    ]);
  });

  it('reads a date too large for a number as no date, and the rest of the file as usual', () => {
    const file = readImportFile('{"app":"live-radar","version":1,"exportedAt":"x","follows":[{"handle":"far.future","addedAt":1e400},"kept.one"]}');
    expect(file).toMatchObject({ ok: true, entries: [{ handle: 'far.future' }, { handle: 'kept.one' }] });
    expect(file.ok && file.entries[0]).not.toHaveProperty('addedAt');
  });

  it('refuses the Kelvin sign instead of folding it into "k"', () => {
    expect(plan([{ handle: '\u212Aelvin' }]).added).toEqual([]);
  });
});
