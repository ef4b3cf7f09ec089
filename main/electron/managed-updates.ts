import type { Disposable } from '../../app/common/contract.js';
import type { Logger } from '../../app/ports/logger.js';
import { updateFailureFields, type UpdatePlan } from './update-plan.js';

/**
 * Thin glue from {@link UpdatePlan} to electron-updater: a generic feed, downloaded in the
 * background, installed when the app quits. electron-updater checks the download's signature
 * against the running app's (Windows publisher, macOS code signature) before installing it.
 * Loaded only when the plan is on, so a build without a feed never loads the updater.
 */
export async function startManagedUpdates(plan: UpdatePlan, logger: Logger): Promise<Disposable> {
  if (plan.kind === 'off') {
    logger.info('managed updates are off', { code: 'updates_off', reason: plan.reason });
    return { dispose: () => undefined };
  }
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.setFeedURL({ provider: 'generic', url: plan.feedUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.logger = null;
  const failed = (error: unknown) => logger.warn('update check failed', { code: 'update_check_failed', ...updateFailureFields(plan.feedUrl, error) });
  autoUpdater.on('error', failed);
  autoUpdater.on('update-downloaded', (info: { version: string }) => logger.info('update downloaded; it installs when the app quits', { code: 'update_ready', version: info.version }));
  const check = () => {
    autoUpdater.checkForUpdates().catch(failed);
  };
  check();
  const timer = setInterval(check, plan.checkEveryMs);
  timer.unref();
  return { dispose: () => clearInterval(timer) };
}
