// First: zod decides at each schema's creation whether to generate code (zod-config.ts).
import '../config/zod-config.js';
import { z } from 'zod';
import { commandNames, type CommandInputs, type CommandName, type RequestEnvelope } from '../common/contract.js';
import { runPriorities } from '../common/run-priority.js';
import { runLimits } from '../common/run-limits.js';
import { collectorRules } from '../common/audit-views.js';

const id = z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/, 'must be a simple identifier');
/** An answer's text is bounded here as well as in the core, so a huge message is refused on entry. */
const answerMaxChars = 4000;

/**
 * The zod schema of every command's input, checked at compile time against `CommandInputs` in both
 * directions (`schemasMatchContract` below): a schema that accepts more or less than the contract's
 * type does not compile.
 */
const commandInputSchemaFactories = {
  getState: () => z.object({}).strict(),
  signIn: () => z.object({ profileId: id, prompt: z.enum(['login']).optional() }).strict(),
  cancelSignIn: () => z.object({ profileId: id }).strict(),
  signOut: () => z.object({ profileId: id }).strict(),
  startRun: () => z.object({ botId: id, priority: z.enum(runPriorities).optional() }).strict(),
  stopRun: () => z.object({ runId: id }).strict(),
  stopAll: () => z.object({ signOut: z.boolean().optional() }).strict(),
  listRuns: () =>
    z
      .object({
        botId: id.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        before: z.object({ startedAt: z.number().finite(), id }).strict().optional(),
      })
      .strict(),
  readLog: () => z
    .object({
      runId: id,
      fromSeq: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .strict(),
  exportRunLog: () => z.object({ runId: id }).strict(),
  listArtifacts: () => z.object({ runId: id }).strict(),
  readArtifact: () => z.object({ runId: id, artifactId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(),
  followLogs: () => z.object({ runIds: z.array(id).max(16) }).strict(),
  dismissNotice: () => z.object({ noticeId: id }).strict(),
  saveProfile: () => z
    .object({ profile: z.record(z.string(), z.unknown()), clientSecret: z.string().max(4096).optional(), create: z.boolean().optional(), asDraft: z.boolean().optional() })
    .strict(),
  deleteProfile: () => z.object({ profileId: id }).strict(),
  importProfiles: () => z.object({ json: z.string().max(1_000_000) }).strict(),
  connectCompany: () => z.object({ profileId: id }).strict(),
  removeCompany: () => z.object({ profileId: id, companyId: z.string().min(1).max(200) }).strict(),
  listAudit: () =>
    z
      .object({
        beforeSeq: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        match: z
          .object({
            fromAt: z.number().finite().optional(),
            untilAt: z.number().finite().optional(),
            type: z.string().min(1).max(64).optional(),
            subject: z.string().min(1).max(200).optional(),
            botId: z.string().min(1).max(200).optional(),
            company: z.string().min(1).max(200).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  verifyAudit: () => z.object({ checkpoint: z.string().max(4096).optional() }).strict(),
  exportAudit: () => z.object({}).strict(),
  auditStatus: () => z.object({}).strict(),
  saveAuditForwarding: () => z
    .object({
      target: z
        .object({
          host: z.string().trim().min(1).max(collectorRules.hostMaxLength).regex(collectorRules.hostPattern, 'a host name or IP address'),
          port: z.number().int().min(collectorRules.portMin).max(collectorRules.portMax),
          tls: z.boolean(),
          ca: z.string().max(65536).optional(),
        })
        .strict()
        .nullable(),
    })
    .strict(),
  savePreferences: () => z
    .object({
      botsDir: z.string().min(1).max(4096).optional(),
      maxConcurrentRuns: z.number().int().min(1).max(runLimits.maxConcurrentRunsCeiling).optional(),
      launchAtLogin: z.boolean().optional(),
      wizardCompleted: z.boolean().optional(),
      browserPath: z.string().max(4096).optional(),
      hotkeys: z.object({ enabled: z.boolean(), stopAll: z.string().max(60), pauseAll: z.string().max(60) }).strict().optional(),
    })
    .strict(),
  startSelfTest: () => z.object({}).strict(),
  // The link's own limit (8 KB in bytes) is the parser's; this only bounds what is carried to it.
  openPastedLink: () => z.object({ url: z.string().max(16 * 1024) }).strict(),
  openSignInPage: () => z.object({ profileId: id }).strict(),
  testConnection: () => z.object({ profileId: id }).strict(),
  dismissAllNotices: () => z.object({}).strict(),
  moveQueuedRun: () => z.object({ runId: id, index: z.number().int().min(0).max(10_000) }).strict(),
  cancelQueuedRun: () => z.object({ runId: id }).strict(),
  setBotSchedule: () => z
    .object({
      botId: id,
      schedule: z.object({ cron: z.string().trim().min(1).max(200).optional(), enabled: z.boolean() }).strict().nullable(),
    })
    .strict(),
  pauseRun: () => z.object({ runId: id }).strict(),
  resumeRun: () => z.object({ runId: id }).strict(),
  stopRunAtSafePoint: () => z.object({ runId: id }).strict(),
  answerQuestion: () => z
    .object({
      questionId: id,
      answer: z
        .object({
          choice: z.string().max(answerMaxChars).optional(),
          fields: z.record(z.string().min(1).max(64), z.string().max(answerMaxChars)).optional(),
          text: z.string().max(answerMaxChars).optional(),
        })
        .strict(),
    })
    .strict(),
  approveRun: () => z.object({ runId: id }).strict(),
  refuseRun: () => z.object({ runId: id }).strict(),
  attestPresence: () => z.object({}).strict(),
  reportPresence: () => z.object({ activity: z.literal(true).optional(), visible: z.boolean().optional() }).strict(),
  acknowledgeAttention: () => z.object({ itemIds: z.array(z.string().min(1).max(300)).min(1).max(200) }).strict(),
  listWorkers: () => z.object({}).strict(),
  approveWorker: () => z
    .object({
      fingerprint: z.string().regex(/^[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}$/, 'must be the fingerprint the worker printed, such as 8TN4-H9VB-2D4G-YD8H'),
      name: z.string().trim().min(1).max(120),
      pools: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, 'pool names are lower-case letters, digits and dashes')).min(1).max(50),
    })
    .strict(),
  removeWorker: () => z.object({ workerId: id }).strict(),
  setBotPool: () => z.object({ botId: id, pool: z.string().regex(/^[a-z0-9-]{1,40}$/, 'pool names are lower-case letters, digits and dashes').nullable().optional() }).strict(),
} satisfies { [K in CommandName]: () => z.ZodType };

type CommandInputSchemas = { [K in CommandName]: ReturnType<(typeof commandInputSchemaFactories)[K]> };
const built = new Map<CommandName, z.ZodType>();

/**
 * A command's input schema, built the first time it is asked for: building all of them costs a
 * start about 10 ms that the page's first state would wait for (cold start, docs/benchmarks.md),
 * and most commands are not used for a while after it.
 */
export function commandInputSchema<K extends CommandName>(command: K): CommandInputSchemas[K] {
  let schema = built.get(command);
  if (schema === undefined) {
    schema = commandInputSchemaFactories[command]();
    built.set(command, schema);
  }
  return schema as CommandInputSchemas[K];
}

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mismatched = { [K in CommandName]: Same<z.output<CommandInputSchemas[K]>, CommandInputs[K]> extends true ? never : K }[CommandName];
/** Compile-time proof that every schema's output is exactly the contract's input type. */
export const schemasMatchContract: [Mismatched] extends [never] ? true : Mismatched = true;

export const requestEnvelopeSchema: z.ZodType<RequestEnvelope> = z
  .object({
    kind: z.literal('invoke'),
    requestId: z.number().int().min(0),
    command: z.enum(commandNames),
    input: z.unknown(),
  })
  .strict();
