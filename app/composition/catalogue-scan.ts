import type { CatalogueScan } from '../bots/bot-catalogue.js';
import type { BotManifest } from '../bots/bot-manifest.js';
import { supervisorError } from '../error-catalogue.js';
import type { NoticeBoard } from '../notice-board.js';

/**
 * What a bots-folder scan does: the runs get the manifests (demo bots only in demo mode, where
 * the Local sandbox they need runs), and each new problem becomes a notice naming the file.
 */
export function onCatalogueScan(deps: { demoMode: boolean; setBots(manifests: BotManifest[]): void; notices: Pick<NoticeBoard, 'post'> }): (scan: CatalogueScan) => void {
  return (scan) => {
    deps.setBots(deps.demoMode ? scan.manifests : scan.manifests.filter((manifest) => manifest.demo !== true));
    for (const problem of scan.newErrors) {
      deps.notices.post(
        'warning',
        problem === scan.folderError ? supervisorError('bots_folder_unreadable', scan.dir, problem.message) : supervisorError('bot_manifest_invalid', problem.file, problem.message),
      );
    }
  };
}
