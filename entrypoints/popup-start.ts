import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPopupViewRead } from '@/lib/platform/popup-view-start';

/** The popup page's first script (see `startPopupViewRead`): it begins reading the worker's copy. */
export default defineUnlistedScript(() => startPopupViewRead());
