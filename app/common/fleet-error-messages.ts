/** The error catalogue's fleet-mode section: runs on worker hosts (docs/fleet.md). Spread into errorCatalogue. */
export const fleetErrorMessages = {
  fleet_worker_unapproved: (detail: string) =>
    `The worker that took this run is not approved for it (${detail}), so it got no sign-in and started nothing. Approve the worker in Settings → Workers if you trust it, then use Run again.`,
  fleet_claim_invalid: (detail: string) =>
    `A worker's claim for this run could not be verified (${detail}), so nothing was started. Use Run again; if it keeps happening, remove that worker in Settings → Workers and enrol it again.`,
  fleet_policy_refused: (detail: string) => `The run was not started on the worker: ${detail}. Fix that, then use Run again.`,
  fleet_worker_lost: (workerName: string) =>
    `Interrupted — worker lost: ${workerName} stopped answering while the run was under way. It was not started again by itself; check what the bot had done, then use Run again if needed.`,
  fleet_worker_stopped: (workerName: string, detail: string) =>
    `Interrupted — the worker program on ${workerName} was stopped while the run was under way (${detail}). It was not started again by itself; check what the bot had done, then use Run again if needed.`,
  fleet_run_failed: (detail: string) => `The worker could not finish the run: ${detail}. Check the bot on that worker, then use Run again.`,
  fleet_redis_unreachable: (address: string) =>
    `RPA Supervisor cannot reach the fleet's Redis server at ${address}. Runs for worker pools wait until it is back; check the server, its password and the network.`,
  fleet_redis_password_missing: (secretName: string) =>
    `The fleet's Redis password is not stored on this computer (secret "${secretName}"), so fleet mode is off. Ask your administrator to store it, then restart RPA Supervisor.`,
  fleet_not_enabled: () => 'Fleet mode is off on this computer: the machine policy does not enable worker hosts. Ask your administrator if bots should run on workers.',
  fleet_approval_not_allowed: () => 'Workers can only be approved by your administrator on this computer (machine policy). Ask them to approve the worker.',
  fleet_worker_not_waiting: (fingerprint: string) =>
    `No worker with fingerprint ${fingerprint} is waiting for approval. Start the worker, compare the fingerprint it prints, then try again.`,
  fleet_worker_name_missing: () => 'Enter a name for this worker that people will recognise, for example Ward PC 1.',
  fleet_pools_missing: () => 'Enter at least one pool, for example ward: a worker takes only the runs of its pools.',
  fleet_pools_invalid: (pools: string) =>
    `Not a pool name: ${pools}. Use lower-case letters, digits and dashes only, separated by commas, for example ward, billing.`,
  fleet_pools_not_served: (workerName: string, notServed: string, served: string) =>
    `${workerName} takes only the pools its worker program was started with (${served}), so it would never take runs of ${notServed}. Approve it for those, or restart its worker program with --pools naming every pool it should take, then approve it.`,
  fleet_unknown_worker: () => 'This worker is no longer approved (it was removed already). Nothing to do.',
  fleet_question_refused: (detail: string) =>
    `A question that claimed to come from a bot on a worker was ignored (${detail}). If a bot on a worker waits for an answer that never shows, remove that worker in Settings → Workers and enrol it again.`,
  fleet_run_already_started: () =>
    'This run was already started by a worker, so a second claim for it was refused and nothing was started twice. Nothing to do: the run goes on where it started.',
  fleet_redis_tls_untrusted: (address: string) =>
    `RPA Supervisor does not trust the certificate of the fleet's Redis server at ${address}, so it did not connect. Runs for worker pools wait; ask your administrator to set redisCaFile in the machine policy to the certificate of the authority that signed it.`,
  fleet_redis_ca_unreadable: (path: string) =>
    `The certificate file for the fleet's Redis server (redisCaFile ${path}) cannot be read on this computer, so fleet mode is off. Ask your administrator to check that path in the machine policy, then restart RPA Supervisor.`,
  fleet_worker_policy_managed: (workerName: string) =>
    `${workerName} is approved by the machine policy, so it cannot be removed here. Ask your administrator to take it out of the policy file.`,
  fleet_desktop_key_mismatch: (pinned: string, presented: string) =>
    `This worker trusts only the supervisor key ${pinned}, but was offered ${presented}, so it acts on nothing signed by that key. Compare "This supervisor's fingerprint" in RPA Supervisor, Settings → Workers, with the one this worker pinned; if the supervisor's key changed on purpose (a new computer or a reinstall), restart the worker with --repin-desktop (and --desktop-fingerprint set to the new one).`,
  fleet_desktop_message_refused: (detail: string) =>
    `A message that claimed to come from the supervisor was ignored (${detail}). Nothing changed on this worker. If runs on this worker stop getting answers or stops, check that Redis is written to by RPA Supervisor only, and that both computers' clocks are right.`,
  fleet_worker_clock_off: (clockFact: string) =>
    `${clockFact}, so each refuses the other's signed messages as out of date (the two clocks must agree within 30 s), and nothing was started. Set both computers to set their date and time automatically (on Windows: Settings → Time & language → Date & time), then use Run again.`,
  fleet_desktop_pin_unreadable: (path: string) =>
    `The supervisor key this worker pinned (${path}) cannot be read, so the worker did not start. Start it with --repin-desktop to pin the supervisor's key again (compare the fingerprint it prints with Settings → Workers), or restore the file.`,
  fleet_worker_option_invalid: (problem: string) =>
    `The worker did not start: ${problem}. Correct it and start the worker again (npm run worker -- --help lists every option; docs/fleet.md, "Running a worker").`,
  fleet_worker_data_dir_unusable: (path: string, reason: string) =>
    `The worker's data folder ${path} cannot be used (${reason}), so the worker did not start. It holds the worker's keys: create it for the user the worker runs as, readable by that user only, or name another folder with --data-dir (another folder means new keys, and a new fingerprint to approve in Settings → Workers).`,
  fleet_worker_data_dir_in_use: (path: string) =>
    `Another worker program is already running with the data folder ${path}, so this one did not start: two workers on one folder would share one identity and stop each other's bots. Stop the other one, or start this one with its own --data-dir (it then gets its own fingerprint to approve in Settings → Workers).`,
  fleet_worker_redis_refused: (address: string, reason: string) =>
    `The fleet's Redis server at ${address} refused this worker (${reason}), so the worker did not start. Put the password of the worker's Redis user, alone, in the file named by --redis-password-file, and the user name, if there is one, in the address (rediss://user@host:port); then start the worker again.`,
  fleet_worker_redis_tls_untrusted: (address: string) =>
    `This worker does not trust the certificate of the fleet's Redis server at ${address}, so it did not connect. Start it with --redis-ca-file naming the certificate (PEM) of the authority that signed the server's certificate: the same file as redisCaFile in the supervisor's machine policy.`,
  fleet_artifact_refused: (detail: string) =>
    `A file that claimed to come from a bot on a worker was not kept (${detail}). If a bot on a worker says its files are not stored, check that worker in Settings → Workers.`,
} as const;
