/** Fleet mode's views for Settings → Workers; plain data like the rest of app/common/, re-exported by views.ts. */

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
