import { basename } from 'node:path';
import type { CatalogueScan } from '../bots/bot-catalogue.js';
import type { BotManifest, BotManifestError } from '../bots/bot-manifest.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { NoticeBoard } from '../notice-board.js';

/** Most files one notice names; the rest are counted, so the banner stays readable. */
const maxFilesNamed = 8;

/** The board's names for the notices a scan keeps current (NoticeBoard.show). */
const folderNotice = 'bots-folder';
const manifestsNotice = 'bot-manifests';

/**
 * What a bots-folder scan does: the runs get the manifests (demo bots only in demo mode, where
 * the Local sandbox they need runs), and the notices say what is wrong in the folder now.
 *
 * The board keeps one notice per code, so a notice per bad file would show only the last one
 * (with a count that reads as one problem five times). One notice lists every file at fault,
 * each with its problem. A scan that finds something new puts it up; a scan that only finds
 * fewer faults revises it (a dismissed one stays down); a scan that finds none takes it down,
 * so a fixed or removed file no longer shows as skipped. The folder's own notice goes the same
 * way once the folder can be read again.
 */
export function onCatalogueScan(deps: {
  demoMode: boolean;
  setBots(manifests: BotManifest[]): void;
  notices: Pick<NoticeBoard, 'show' | 'revise' | 'withdraw'>;
}): (scan: CatalogueScan) => void {
  return (scan) => {
    deps.setBots(deps.demoMode ? scan.manifests : scan.manifests.filter((manifest) => manifest.demo !== true));
    if (!scan.folderError) deps.notices.withdraw(folderNotice);
    else if (scan.newErrors.includes(scan.folderError)) {
      deps.notices.show(folderNotice, 'warning', supervisorError('bots_folder_unreadable', scan.dir, scan.folderError.message));
    }
    const manifestErrors = scan.errors.filter((problem) => problem !== scan.folderError);
    if (manifestErrors.length === 0) {
      deps.notices.withdraw(manifestsNotice);
      return;
    }
    const notice = manifestsError(manifestErrors, scan.dir);
    if (scan.newErrors.some((problem) => problem !== scan.folderError)) deps.notices.show(manifestsNotice, 'warning', notice);
    else deps.notices.revise(manifestsNotice, notice);
  };
}

function manifestsError(manifestErrors: BotManifestError[], dir: string): SupervisorError {
  const [only] = manifestErrors;
  if (manifestErrors.length === 1 && only) return supervisorError('bot_manifest_invalid', only.file, only.message);
  const named = manifestErrors.slice(0, maxFilesNamed).map((problem) => `${basename(problem.file)}: ${problem.message.replace(/\.$/, '')}.`);
  const more = manifestErrors.length - named.length;
  const problems = [...named, ...(more > 0 ? [`And ${more} more.`] : [])].join(' ');
  return supervisorError('bot_manifests_invalid', manifestErrors.length, dir, problems);
}
