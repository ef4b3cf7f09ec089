import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditRecordView, AuditVerification, ErrorView } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import { useSupervisor } from './supervisor-context.js';

const pageSize = 200;

export interface AuditTrailState {
  records: readonly AuditRecordView[];
  /** Pass to loadOlder; null once the oldest record is loaded. */
  nextBeforeSeq: number | null;
  loading: boolean;
  error: ErrorView | null;
  verification: AuditVerification | null;
  verifying: boolean;
  verifyError: ErrorView | null;
  /** When the last check answered (epoch ms), so a check with the same result still visibly happened. */
  verifiedAt: number | null;
  /** A checkpoint file that could not be used: beside the trail's status, never instead of it. */
  checkpointError: ErrorView | null;
}

const initial: AuditTrailState = { records: [], nextBeforeSeq: null, loading: true, error: null, verification: null, verifying: true, verifyError: null, verifiedAt: null, checkpointError: null };

/**
 * The audit trail, newest first, a page at a time, and its verification. Both run when the
 * screen opens, and again on request: the trail grows while the app runs.
 */
export function useAuditTrail() {
  const { api } = useSupervisor();
  const [state, setState] = useState<AuditTrailState>(initial);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const current = ++generation.current;
    setState((previous) => ({ ...previous, loading: true, verifying: true, checkpointError: null }));
    api.invoke('listAudit', { limit: pageSize }).then(
      (page) => current === generation.current && setState((previous) => ({ ...previous, records: page.records, nextBeforeSeq: page.nextBeforeSeq, loading: false, error: null })),
      (error: unknown) => current === generation.current && setState((previous) => ({ ...previous, loading: false, error: toErrorView(error, 'unexpected') })),
    );
    api.invoke('verifyAudit', {}).then(
      (verification) => current === generation.current && setState((previous) => ({ ...previous, verification, verifying: false, verifyError: null, verifiedAt: Date.now() })),
      (error: unknown) => current === generation.current && setState((previous) => ({ ...previous, verifying: false, verifyError: toErrorView(error, 'unexpected'), verifiedAt: Date.now() })),
    );
  }, [api]);

  const loadOlder = useCallback(() => {
    const beforeSeq = state.nextBeforeSeq;
    if (beforeSeq === null) return;
    const current = generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    api.invoke('listAudit', { beforeSeq, limit: pageSize }).then(
      (page) =>
        current === generation.current &&
        setState((previous) => ({ ...previous, records: [...previous.records, ...page.records], nextBeforeSeq: page.nextBeforeSeq, loading: false, error: null })),
      (error: unknown) => current === generation.current && setState((previous) => ({ ...previous, loading: false, error: toErrorView(error, 'unexpected') })),
    );
  }, [api, state.nextBeforeSeq]);

  /** Verifies the chain again against the text of a checkpoint file an auditor kept. */
  const verifyAgainst = useCallback(
    (checkpoint: string) => {
      const current = generation.current;
      setState((previous) => ({ ...previous, verifying: true, checkpointError: null }));
      api.invoke('verifyAudit', { checkpoint }).then(
        (verification) => current === generation.current && setState((previous) => ({ ...previous, verification, verifying: false, verifyError: null, verifiedAt: Date.now() })),
        // The file was refused before the trail was walked: the trail's last result still stands.
        (error: unknown) => current === generation.current && setState((previous) => ({ ...previous, verifying: false, checkpointError: toErrorView(error, 'unexpected') })),
      );
    },
    [api],
  );

  useEffect(() => {
    reload();
  }, [reload]);

  return { ...state, reload, loadOlder, verifyAgainst };
}
