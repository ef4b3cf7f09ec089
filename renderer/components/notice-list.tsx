import type { NoticeView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';
import { NoticeBanner } from './notice-banner.js';

export interface NoticeListProps {
  notices: readonly NoticeView[];
}

/**
 * The core's notices, one per code (the core coalesces repeats into a count), with "Dismiss all"
 * once there are two or more. The list is always rendered, even when empty: a live region only
 * announces changes if it already exists when they happen.
 */
export function NoticeList({ notices }: NoticeListProps) {
  const dismissAll = useCommand('dismissAllNotices');
  return (
    <div className="notices">
      {notices.length > 1 ? (
        <div className="notices__toolbar">
          <button type="button" className="button button--small" aria-disabled={dismissAll.pending || undefined} onClick={() => dismissAll.pending || void dismissAll.run({})} data-testid="dismiss-all-notices">
            {copy.notices.dismissAll(notices.length)}
          </button>
        </div>
      ) : null}
      <div className="notice-list" aria-live="polite">
        {notices.map((notice) => (
          <NoticeBanner key={notice.id} notice={notice} />
        ))}
      </div>
    </div>
  );
}
