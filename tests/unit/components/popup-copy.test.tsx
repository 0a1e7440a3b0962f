// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSnapshotEarly, useBackgroundSnapshot } from '@/components/hooks/use-background-snapshot';
import { EMPTY_SNAPSHOT } from '@/components/hooks/snapshot-view';
import { createPopupViewWriter, isOnlyPopupView, readPopupView } from '@/lib/platform/popup-view';
import { POPUP_VIEW_KEY, startPopupViewRead } from '@/lib/platform/popup-view-start';
import type { Snapshot } from '@/lib/platform/snapshot';
import { cacheItem } from '@/lib/platform/storage';

const { loaded: _loaded, entries: _entries, ...empty } = EMPTY_SNAPSHOT;
const stored = (...handles: string[]): Snapshot => ({ ...empty, entries: [], follows: handles.map((handle) => ({ handle, addedAt: 0, notify: true })) });

/** The background's side of the snapshot message: answers when the test says. */
function background() {
  const asked: (() => void)[] = [];
  let answer: Snapshot = stored();
  // The fake browser answers through sendResponse only.
  fakeBrowser.runtime.onMessage.addListener((_message, _sender, reply) => {
    asked.push(() => reply({ ok: true, data: answer }));
    return true;
  });
  return {
    asked: () => asked.length,
    answer(snapshot: Snapshot) {
      answer = snapshot;
      asked.splice(0).forEach((reply) => reply());
    },
  };
}

function Popup() {
  const snapshot = useBackgroundSnapshot();
  return <p data-testid="follows">{snapshot.loaded ? snapshot.follows.map((f) => f.handle).join(',') : 'loading'}</p>;
}
const shown = () => screen.getByTestId('follows').textContent;

/** A copy as the worker writes it. */
async function writeCopy(snapshot: Snapshot) {
  const writer = createPopupViewWriter(async () => snapshot, 0);
  writer.changed();
  await vi.waitFor(async () => expect(await readPopupView()).toEqual(snapshot));
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe("the popup's first paint", () => {
  it("paints the worker's copy without waiting for the worker, then shows the worker's answer", async () => {
    const worker = background();
    await writeCopy(stored('sunny', 'moon'));
    readSnapshotEarly();
    render(<Popup />);
    await waitFor(() => expect(shown()).toBe('sunny,moon'));
    // The worker is asked once the copy is painted, and its answer replaces the copy.
    await waitFor(() => expect(worker.asked()).toBe(1));
    worker.answer(stored('sunny'));
    await waitFor(() => expect(shown()).toBe('sunny'));
  });

  it('asks the worker at once when there is no copy (the first popup after the browser started)', async () => {
    const worker = background();
    readSnapshotEarly();
    render(<Popup />);
    await waitFor(() => expect(worker.asked()).toBe(1));
    expect(shown()).toBe('loading');
    worker.answer(stored('sunny'));
    await waitFor(() => expect(shown()).toBe('sunny'));
  });

  it('shows each answer while changes keep coming (a poll cycle), not only once they stop', async () => {
    const worker = background();
    readSnapshotEarly();
    render(<Popup />);
    await waitFor(() => expect(worker.asked()).toBe(1));
    worker.answer(stored('sunny'));
    await waitFor(() => expect(shown()).toBe('sunny'));
    // An answer of the cycle is stored: the popup reads again...
    await browser.storage.local.set({ [cacheItem('sunny').key]: 1 });
    await waitFor(() => expect(worker.asked()).toBe(1));
    // ...and the next answer is stored before that read is answered, as they are all through a cycle.
    await browser.storage.local.set({ [cacheItem('moon').key]: 1 });
    worker.answer(stored('sunny', 'moon'));
    await waitFor(() => expect(shown()).toBe('sunny,moon'));
  });

  describe("with the page's start script", () => {
    beforeEach(() => {
      // Each test is a new popup page: its window holds no handoff yet, and the start script finds the browser's API.
      delete (globalThis as { __liveRadarPopupView?: unknown }).__liveRadarPopupView;
      vi.stubGlobal('browser', fakeBrowser);
    });
    afterEach(() => void vi.unstubAllGlobals());

    it.each([
      ['paints from the read the start script began, with no second read', true],
      ['a start script that runs after the module read the copy itself reads nothing', false],
    ])('%s', async (_, startFirst) => {
      background();
      await writeCopy(stored('sunny', 'moon'));
      const reads = vi.spyOn(browser.storage.session, 'get');
      if (startFirst) startPopupViewRead();
      readSnapshotEarly();
      if (!startFirst) startPopupViewRead();
      render(<Popup />);
      await waitFor(() => expect(shown()).toBe('sunny,moon'));
      expect(reads).toHaveBeenCalledTimes(1);
    });
  });

  it('does not read a copy of another shape (written by another version)', async () => {
    await browser.storage.session.set({ [POPUP_VIEW_KEY]: { version: 99, json: JSON.stringify(stored('sunny')) } });
    expect(await readPopupView()).toBeNull();
    await browser.storage.session.set({ [POPUP_VIEW_KEY]: { version: 1, snapshot: stored('sunny') } });
    expect(await readPopupView()).toBeNull();
  });

  it("never shows the copy over the worker's answer when the answer comes first", async () => {
    const worker = background();
    await writeCopy(stored('old'));
    let release: () => void = () => {};
    const session = browser.storage.session;
    const get = session.get.bind(session);
    vi.spyOn(session, 'get').mockImplementation((keys) => new Promise((resolve) => (release = () => resolve(get(keys)))));
    readSnapshotEarly();
    render(<Popup />);
    // A change arrives before the copy is read: the worker is asked, and answers.
    await browser.storage.local.set({ other: 1 });
    await waitFor(() => expect(worker.asked()).toBe(1));
    worker.answer(stored('new'));
    await waitFor(() => expect(shown()).toBe('new'));
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(shown()).toBe('new');
  });
});

describe("the worker's copy", () => {
  it('is written once changes settle, only when it differs, and its own writing is no change to react to', async () => {
    let current = stored('sunny');
    const read = vi.fn(async () => current);
    const writer = createPopupViewWriter(read, 20);
    const changes: Record<string, unknown>[] = [];
    browser.storage.onChanged.addListener((c) => void changes.push(c));
    writer.changed();
    writer.changed();
    writer.changed();
    await vi.waitFor(async () => expect(await readPopupView()).toEqual(current));
    expect(read).toHaveBeenCalledTimes(1);
    expect(writer.written).toBe(true);

    writer.changed();
    await new Promise((r) => setTimeout(r, 60));
    expect(read).toHaveBeenCalledTimes(2);
    expect(changes).toHaveLength(1);

    current = stored('sunny', 'moon');
    writer.changed();
    await vi.waitFor(async () => expect(await readPopupView()).toEqual(current));
    expect(changes).toHaveLength(2);
    expect(changes.every(isOnlyPopupView)).toBe(true);
    expect(isOnlyPopupView({ [POPUP_VIEW_KEY]: {}, [cacheItem('sunny').key]: {} })).toBe(false);
  });
});
