/** Fleet mode's views for Settings → Workers; plain data like the rest of app/common/, re-exported by views.ts. */

/** Worker pool names: lower-case letters, digits and dashes, as in a manifest's `pool` and a worker's `--pools`. */
export const poolNamePattern = /^[a-z0-9-]{1,40}$/;

/** A worker asking to be approved (Settings → Workers): compare its fingerprint with the one it printed. */
export interface WorkerEnrolmentView {
  workerId: string;
  name: string;
  fingerprint: string;
  pools: string[];
}

/** An approved worker, with when the supervisor last heard from it. */
export interface ApprovedWorkerView {
  workerId: string;
  name: string;
  fingerprint: string;
  pools: string[];
  lastSeenAt?: number;
  /** Its worker program is running and reaches the fleet's server now (its heartbeat is there). */
  online?: boolean;
  /**
   * Its clock is this far ahead of this computer's (negative: behind), measured from its
   * heartbeat; present only when 10 s or more, since beyond 30 s runs there fail.
   */
  clockOffsetMs?: number;
  /** Approved by the machine policy (`fleet.approvedWorkers`): only the administrator can remove it, in the policy file. */
  byPolicy?: boolean;
}

/** Settings → Workers. `enabled` false: no fleet section in the machine policy. */
export interface WorkersView {
  enabled: boolean;
  /** The machine policy lets this screen approve workers (`allowApprovalInSettings`). */
  canApprove: boolean;
  pending: WorkerEnrolmentView[];
  approved: ApprovedWorkerView[];
  /** This supervisor's key fingerprint: each worker prints the one it pinned, for the admin to compare. */
  desktopFingerprint?: string;
}

/**
 * What Remove did. The worker is off the approved list in every case, kept by this computer, so
 * its claims are refused from now on whether or not the fleet's server answers.
 */
export interface WorkerRemovalView {
  /** The removed worker's name, for the sentence that says what was done. */
  name: string;
  /**
   * The leases of its running bots were deleted now. False: the fleet's server did not answer;
   * they are deleted as soon as it does, and run out by themselves within `leaseTtlMs` meanwhile.
   */
  leasesWithdrawn: boolean;
  /** The longest a lease the worker already holds stays usable (the policy's `leaseTtlMs`). */
  leaseTtlMs: number;
  /** The list as it is now; absent while the fleet's server cannot be read (the worker is gone from it either way). */
  workers?: WorkersView;
}
