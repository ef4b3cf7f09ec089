/**
 * Every string the renderer writes itself, in UK English, in one object so wording stays
 * consistent and can be reviewed (and later translated) without reading components. Its parts
 * live in renderer/copy/, one file per area of the app; components import only `copy`.
 *
 * Error messages are not here: every error on screen, whether the core, the preload or the page
 * raised it, comes from the one catalogue (app/common/error-catalogue.ts) as an ErrorView with
 * its code, and is shown through the ErrorMessage component. e2e/error-copy.spec.ts renders them
 * all.
 */
import { auditCopy } from './copy/audit-copy.js';
import { runLogCopy } from './copy/run-log-copy.js';
import { runsCopy } from './copy/runs-copy.js';
import { sessionCompaniesCopy } from './copy/session-companies-copy.js';
import { settingsCopy } from './copy/settings-copy.js';
import { shellCopy } from './copy/shell-copy.js';
import { supervisionCopy } from './copy/supervision-copy.js';
import { wizardCopy } from './copy/wizard-copy.js';
import { workersCopy } from './copy/workers-copy.js';

export const copy = {
  ...shellCopy,
  ...workersCopy,
  ...runsCopy,
  ...supervisionCopy,
  ...runLogCopy,
  ...auditCopy,
  ...settingsCopy,
  ...sessionCompaniesCopy,
  ...wizardCopy,
} as const;
