import { basename } from 'node:path';
import type { CatalogueScan } from '../bots/bot-catalogue.js';
import type { BotManifest } from '../bots/bot-manifest.js';
import { supervisorError } from '../error-catalogue.js';
import type { NoticeBoard } from '../notice-board.js';

/** Most files one notice names; the rest are counted, so the banner stays readable. */
const maxFilesNamed = 8;

/**
 * What a bots-folder scan does: the runs get the manifests (demo bots only in demo mode, where
 * the Local sandbox they need runs), and new problems become a notice naming the files.
 *
 * The board keeps one notice per code, so a notice per bad file would show only the last one
 * (with a count that reads as one problem five times). When a scan finds something new, one
 * notice lists every file still at fault, each with its problem.
 */
export function onCatalogueScan(deps: { demoMode: boolean; setBots(manifests: BotManifest[]): void; notices: Pick<NoticeBoard, 'post'> }): (scan: CatalogueScan) => void {
  return (scan) => {
    deps.setBots(deps.demoMode ? scan.manifests : scan.manifests.filter((manifest) => manifest.demo !== true));
    if (scan.folderError && scan.newErrors.includes(scan.folderError)) {
      deps.notices.post('warning', supervisorError('bots_folder_unreadable', scan.dir, scan.folderError.message));
    }
    const manifestErrors = scan.errors.filter((problem) => problem !== scan.folderError);
    if (!scan.newErrors.some((problem) => problem !== scan.folderError)) return;
    const [only] = manifestErrors;
    if (manifestErrors.length === 1 && only) {
      deps.notices.post('warning', supervisorError('bot_manifest_invalid', only.file, only.message));
      return;
    }
    const named = manifestErrors.slice(0, maxFilesNamed).map((problem) => `${basename(problem.file)}: ${problem.message.replace(/\.$/, '')}.`);
    const more = manifestErrors.length - named.length;
    const problems = [...named, ...(more > 0 ? [`And ${more} more.`] : [])].join(' ');
    deps.notices.post('warning', supervisorError('bot_manifests_invalid', manifestErrors.length, scan.dir, problems));
  };
}
