import { render } from 'preact';
import { t } from '@/lib/platform/i18n';
import { App } from './App';
import { readSnapshotEarly } from '@/components/hooks/use-background-snapshot';
import '@/components/ui.css';
import './style.css';

readSnapshotEarly();
document.title = t('extName');
render(<App />, document.getElementById('app')!);
