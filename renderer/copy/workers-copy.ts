/**
 * Fleet mode: worker hosts and the fleet's status. Part of `copy` (renderer/copy.ts).
 */
import { formatDuration } from '../../app/common/format-duration.js';

export const workersCopy = {
  workers: {
    heading: 'Workers',
    intro: 'Computers that run bots for this supervisor (fleet mode). A worker gets nothing until it is approved here, and only runs of its pools.',
    managed: 'Your administrator approves and removes workers on this computer (machine policy).',
    desktopFingerprint: "This supervisor's fingerprint:",
    desktopFingerprintHint: 'Each worker prints the one it pinned: compare them.',
    loading: 'Reading the list of workers from the fleet’s server…',
    pendingHeading: 'Waiting for approval',
    nonePending: 'No worker is waiting. Start the worker; it prints its fingerprint and shows up here.',
    approvedHeading: 'Approved workers',
    noneApproved: 'No worker is approved yet.',
    name: 'Name',
    fingerprint: 'Fingerprint',
    pools: 'Pools',
    poolsHint: 'Lower-case names separated by commas, for example ward, billing.',
    lastSeen: 'Last heard from',
    online: 'Up now',
    clock: 'Clock',
    clockOff: (offset: string) =>
      `${offset} this computer’s. Runs there fail once the two differ by more than 30 s: set both computers to set their date and time automatically.`,
    offlineSince: (when: string) => `${when}; not up now`,
    notSeen: 'Not up: start its worker program, or check that it reaches the fleet’s server',
    askedAs: 'Asks as',
    askedFor: (name: string, pools: string) => `${name}, pools ${pools}`,
    compare: 'Approve only if this fingerprint is the one the worker printed when it started.',
    approve: 'Approve',
    approveOf: (fingerprint: string) => `Approve worker ${fingerprint}`,
    approved: (name: string) => `${name} is approved.`,
    remove: 'Remove',
    removeOf: (name: string) => `Remove ${name}`,
    removed: (name: string, running: number) =>
      running === 0 ? `${name} was removed: it gets no more runs.` : `${name} was removed: it gets no more runs, and the bots running on it lost their sign-in at once.`,
    removedServerAway: (name: string, running: number, leaseTtlMs: number) =>
      running === 0
        ? `${name} was removed: it gets no more runs and no new sign-in. The fleet’s server cannot be reached just now, but the removal does not need it: this computer keeps the list of approved workers.`
        : `${name} was removed: it gets no more runs and no new sign-in. The fleet’s server cannot be reached, so the bots running on it keep their current sign-in until it runs out, within ${formatDuration(leaseTtlMs)}, or until the server answers again, whichever comes first.`,
    removeTitle: (name: string) => `Remove ${name}?`,
    removeRunning: (name: string, running: number) =>
      running === 0
        ? `No bot is running on ${name} now. It gets no more runs once it is removed.`
        : running === 1
          ? `1 bot is running on ${name}: it loses its sign-in and its run ends, at once while the fleet’s server can be reached. ${name} gets no more runs.`
          : `${running} bots are running on ${name}: they lose their sign-in and their runs end, at once while the fleet’s server can be reached. ${name} gets no more runs.`,
    removeAfter: 'To use this computer again, start its worker and approve it here again. The removal is written to the audit trail.',
    removeConfirm: 'Remove worker',
    removeCancel: 'Cancel',
    approvedBy: 'Approved by',
    byPolicy: 'The machine policy',
    policyManaged: 'Approved in the machine policy file: only your administrator can remove it, by taking it out of the policy.',
    placementHeading: 'Where bots run',
    placementIntro: 'A bot runs where its manifest says (its pool, or this computer) unless you choose here.',
    asManifest: (pool: string | undefined) => (pool ? `As its manifest says (workers of pool ${pool})` : 'As its manifest says (this computer)'),
    thisComputer: 'This computer',
    poolOption: (pool: string) => `Workers of pool ${pool}`,
  },
  fleet: {
    worker: 'Worker',
    waitingForWorker: (pool: string) => `Waiting for a worker of pool ${pool}`,
    workerInPool: (name: string, pool: string) => `${name} (pool ${pool})`,
    onWorker: (name: string) => `on ${name}`,
  },
} as const;
