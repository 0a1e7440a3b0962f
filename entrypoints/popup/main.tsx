import { render } from 'preact';
import { t } from '@/lib/platform/i18n';
import { App } from './App';
import { readSnapshotEarly } from '@/components/hooks/use-background-snapshot';
import '@/components/ui.css';
import './style.css';

/** How long the first render waits for the worker's copy (it usually takes a few milliseconds). */
const COPY_WAIT_MS = 100;

document.title = t('extName');
// The popup opens with its rows, not with an empty frame that the rows then replace.
void Promise.race([readSnapshotEarly(), new Promise((resolve) => setTimeout(resolve, COPY_WAIT_MS))]).then(() =>
  render(<App />, document.getElementById('app')!),
);
