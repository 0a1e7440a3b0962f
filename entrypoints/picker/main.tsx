import { render } from 'preact';
import { t } from '@/lib/platform/i18n';
import { App } from './App';
import '@/components/ui.css';
import './style.css';

document.title = t('pickerTitle');
render(<App />, document.getElementById('app')!);
