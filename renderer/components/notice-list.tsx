import type { NoticeView } from '../../app/common/contract.js';
import { NoticeBanner } from './notice-banner.js';

export interface NoticeListProps {
  notices: readonly NoticeView[];
}

/**
 * Always rendered, even when empty: a live region only announces changes if it already exists
 * when they happen.
 */
export function NoticeList({ notices }: NoticeListProps) {
  return (
    <div className="notice-list" aria-live="polite">
      {notices.map((notice) => (
        <NoticeBanner key={notice.id} notice={notice} />
      ))}
    </div>
  );
}
