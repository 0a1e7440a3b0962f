// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DemoSwitch } from '@/components/DemoSwitch';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

/** The background's answer to `setDemo`. */
function background(answer: { ok: true; data: { demo: boolean } } | { ok: false; error: string }) {
  fakeBrowser.runtime.onMessage.addListener((_message, _sender, reply) => {
    reply(answer);
    return true;
  });
}
const box = () => screen.getByRole<HTMLInputElement>('checkbox', { name: /simulated creators/ });

it('says why demo mode could not be switched on, and shows it off again', async () => {
  background({ ok: false, error: 'Storage is full' });
  render(<DemoSwitch on={false} />);
  fireEvent.click(box());
  await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Storage is full'));
  expect(box().checked).toBe(false);
});

it('shows the choice at once, and keeps it through another change of the page while the switch is made', async () => {
  background({ ok: true, data: { demo: true } });
  const { rerender } = render(<DemoSwitch on={false} />);
  fireEvent.click(box());
  expect(box().checked).toBe(true);
  rerender(<DemoSwitch on={false} />);
  expect(box().checked).toBe(true);
  rerender(<DemoSwitch on />);
  await waitFor(() => expect(box().checked).toBe(true));
  expect(screen.queryByRole('alert')).toBeNull();
});
