import { render } from 'preact';
import { t } from '@/lib/platform/i18n';
import { App } from './App';
import { askSnapshotEarly } from '@/components/hooks/use-background-snapshot';
import '@/components/ui.css';
import './style.css';

askSnapshotEarly();
document.title = t('extName');
render(<App />, document.getElementById('app')!);
