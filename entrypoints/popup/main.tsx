import { render } from 'preact';
import { t } from '@/lib/platform/i18n';
import { App, readOthersOpen } from './App';
import { readSnapshotEarly } from '@/components/hooks/use-background-snapshot';
import '@/components/ui.css';
import './style.css';

/** How long the first render waits for the worker's copy (it usually takes a few milliseconds). */
const COPY_WAIT_MS = 100;

// The popup opens with its rows, not with an empty frame that the rows then replace. While the copy is on its way,
// the page does its other first reads.
const copy = readSnapshotEarly();
const othersOpen = readOthersOpen();
document.title = t('extName');
void Promise.race([copy, new Promise((resolve) => setTimeout(resolve, COPY_WAIT_MS))]).then(() =>
  render(<App othersOpenAtStart={othersOpen} />, document.getElementById('app')!),
);
