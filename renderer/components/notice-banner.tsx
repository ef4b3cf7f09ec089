import { useId } from 'react';
import type { NoticeView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';
import { ErrorMessage } from './error-message.js';

export interface NoticeBannerProps {
  notice: NoticeView;
}

/** A message from the core (storage warnings, skipped bot files, …) that the user can dismiss. */
export function NoticeBanner({ notice }: NoticeBannerProps) {
  const messageId = useId();
  const dismiss = useCommand('dismissNotice');
  return (
    <div className={`banner banner--${notice.level} notice`} data-testid={`notice-${notice.id}`} data-code={notice.code} data-focus-key={notice.id}>
      <span className="notice__level">{copy.notices.level[notice.level]}</span>
      {notice.count !== undefined && notice.count > 1 ? (
        <span className="notice__count" data-testid={`notice-count-${notice.id}`}>
          <span aria-hidden="true">{copy.notices.count(notice.count)}</span>
          <span className="visually-hidden">{copy.notices.countSpoken(notice.count)}</span>
        </span>
      ) : null}
      <div id={messageId} className="notice__message">
        <ErrorMessage error={{ code: notice.code, message: notice.message }} variant="inline" />
      </div>
      <button
        type="button"
        className="button button--quiet"
        aria-describedby={messageId}
        aria-disabled={dismiss.pending || undefined}
        onClick={() => dismiss.pending || void dismiss.run({ noticeId: notice.id })}
        // The control that takes focus when the notice before it is dismissed (notice-list.tsx).
        data-focus-control
      >
        {copy.dismiss}
      </button>
    </div>
  );
}
