import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditFacetsView, AuditMatch, AuditRecordView, AuditVerification, ErrorView } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import { useSupervisor } from './supervisor-context.js';

const pageSize = 200;
/** The default match, one object so it never looks like a new filter. */
const everything: AuditMatch = {};

export interface AuditTrailState {
  /** The records the match selects, newest first, as far back as loaded. */
  records: readonly AuditRecordView[];
  /** Pass to loadOlder; null once the oldest matching record is loaded. */
  nextBeforeSeq: number | null;
  /** Every person, bot and company the whole trail names (the filters' choices); null until the first page. */
  facets: AuditFacetsView | null;
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

const initial: AuditTrailState = { records: [], nextBeforeSeq: null, facets: null, loading: true, error: null, verification: null, verifying: true, verifyError: null, verifiedAt: null, checkpointError: null };

/**
 * The audit trail, newest first, a page at a time, of the records `match` selects (the core
 * filters the whole file, so a filter reaches records not loaded yet), and its verification.
 * Both run when the screen opens and again on request: the trail grows while the app runs. A
 * new match loads its first page; the check of the chain does not depend on it.
 */
export function useAuditTrail(match: AuditMatch = everything) {
  const { api } = useSupervisor();
  const [state, setState] = useState<AuditTrailState>(initial);
  const listGeneration = useRef(0);
  const verifyGeneration = useRef(0);

  const list = useCallback(() => {
    const current = ++listGeneration.current;
    setState((previous) => ({ ...previous, loading: true }));
    api.invoke('listAudit', { limit: pageSize, match }).then(
      (page) => current === listGeneration.current && setState((previous) => ({ ...previous, records: page.records, nextBeforeSeq: page.nextBeforeSeq, facets: page.facets, loading: false, error: null })),
      (error: unknown) => current === listGeneration.current && setState((previous) => ({ ...previous, loading: false, error: toErrorView(error, 'unexpected') })),
    );
  }, [api, match]);

  const verify = useCallback(() => {
    const current = ++verifyGeneration.current;
    setState((previous) => ({ ...previous, verifying: true, checkpointError: null }));
    api.invoke('verifyAudit', {}).then(
      (verification) => current === verifyGeneration.current && setState((previous) => ({ ...previous, verification, verifying: false, verifyError: null, verifiedAt: Date.now() })),
      (error: unknown) => current === verifyGeneration.current && setState((previous) => ({ ...previous, verifying: false, verifyError: toErrorView(error, 'unexpected'), verifiedAt: Date.now() })),
    );
  }, [api]);

  const reload = useCallback(() => {
    list();
    verify();
  }, [list, verify]);

  const loadOlder = useCallback(() => {
    const beforeSeq = state.nextBeforeSeq;
    if (beforeSeq === null) return;
    const current = listGeneration.current;
    setState((previous) => ({ ...previous, loading: true }));
    api.invoke('listAudit', { beforeSeq, limit: pageSize, match }).then(
      (page) =>
        current === listGeneration.current &&
        setState((previous) => ({ ...previous, records: [...previous.records, ...page.records], nextBeforeSeq: page.nextBeforeSeq, facets: page.facets, loading: false, error: null })),
      (error: unknown) => current === listGeneration.current && setState((previous) => ({ ...previous, loading: false, error: toErrorView(error, 'unexpected') })),
    );
  }, [api, match, state.nextBeforeSeq]);

  /** Verifies the chain again against the text of a checkpoint file an auditor kept. */
  const verifyAgainst = useCallback(
    (checkpoint: string) => {
      const current = ++verifyGeneration.current;
      setState((previous) => ({ ...previous, verifying: true, checkpointError: null }));
      api.invoke('verifyAudit', { checkpoint }).then(
        (verification) => current === verifyGeneration.current && setState((previous) => ({ ...previous, verification, verifying: false, verifyError: null, verifiedAt: Date.now() })),
        // The file was refused before the trail was walked: the trail's last result still stands.
        (error: unknown) => current === verifyGeneration.current && setState((previous) => ({ ...previous, verifying: false, checkpointError: toErrorView(error, 'unexpected') })),
      );
    },
    [api],
  );

  useEffect(() => {
    list();
  }, [list]);

  useEffect(() => {
    verify();
  }, [verify]);

  return { ...state, reload, loadOlder, verifyAgainst };
}
