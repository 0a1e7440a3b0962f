// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSnapshotEarly, useBackgroundSnapshot } from '@/components/hooks/use-background-snapshot';
import { EMPTY_SNAPSHOT } from '@/components/hooks/snapshot-view';
import { createPopupViewWriter, readPopupView } from '@/lib/platform/popup-view';
import type { Snapshot } from '@/lib/platform/snapshot';

/** The browser's paint timing, reported when the test says (happy-dom reports none). */
let reportPaint: (() => void) | undefined;
class FakePaintObserver {
  constructor(private readonly callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {}
  observe() {
    reportPaint = () => this.callback({ getEntriesByName: (name) => (name === 'first-contentful-paint' ? [{ name }] : []) });
  }
  disconnect() {}
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('PerformanceObserver', FakePaintObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it("asks the worker only once the worker's copy is on screen, not while that frame is being drawn", async () => {
  const { loaded: _loaded, entries: _entries, ...empty } = EMPTY_SNAPSHOT;
  const snapshot: Snapshot = { ...empty, entries: [], follows: [{ handle: 'sunny', addedAt: 0, notify: true }] };
  const writer = createPopupViewWriter(async () => snapshot, 0);
  writer.changed();
  await vi.waitFor(async () => expect(await readPopupView()).toEqual(snapshot));
  let asked = 0;
  fakeBrowser.runtime.onMessage.addListener(() => {
    asked++;
    return true;
  });
  function Popup() {
    const shown = useBackgroundSnapshot();
    return <p data-testid="follows">{shown.follows.map((f) => f.handle).join(',')}</p>;
  }
  readSnapshotEarly();
  render(<Popup />);
  await waitFor(() => expect(screen.getByTestId('follows').textContent).toBe('sunny'));
  await new Promise((r) => setTimeout(r, 100));
  expect(asked).toBe(0);
  reportPaint!();
  await waitFor(() => expect(asked).toBe(1));
});
