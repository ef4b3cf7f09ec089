import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileProblem } from '../../app/common/file-problem.js';
import type { WorkerConfig } from './worker-config.js';

export interface WorkerFiles {
  password?: string;
  ca?: Buffer;
}

export type WorkerFilesResult = ({ ok: true } & WorkerFiles) | { ok: false; problem: string };

/**
 * The files and folder the options name, read before anything connects, so a typing mistake is
 * said as one (`fleet_worker_option_invalid`, exit 2) rather than as a Redis or TLS failure later.
 * A `--bots` folder that is not there is such a mistake; the default one in the data folder is
 * made on a first start. Problems name the path and the system's reason, never a file's content.
 */
export function readWorkerFiles(config: WorkerConfig): WorkerFilesResult {
  const files: WorkerFiles = {};
  if (config.redisPasswordFile !== undefined) {
    let password: string;
    try {
      password = readFileSync(config.redisPasswordFile, 'utf8').trim();
    } catch (error) {
      return { ok: false, problem: `--redis-password-file ${config.redisPasswordFile} cannot be read by this user (${fileProblem(error)})` };
    }
    if (password === '') return { ok: false, problem: `--redis-password-file ${config.redisPasswordFile} is empty: put the Redis password in it, alone on its line` };
    files.password = password;
  }
  if (config.redisCaFile !== undefined) {
    try {
      files.ca = readFileSync(config.redisCaFile);
    } catch (error) {
      return { ok: false, problem: `--redis-ca-file ${config.redisCaFile} cannot be read by this user (${fileProblem(error)})` };
    }
    if (!files.ca.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
      return { ok: false, problem: `--redis-ca-file ${config.redisCaFile} holds no certificate: it must be the PEM file (-----BEGIN CERTIFICATE-----) of the authority that signed the Redis server's certificate` };
    }
  }
  if (config.botsDirGiven) {
    let isFolder = false;
    try {
      isFolder = statSync(config.botsDir).isDirectory();
    } catch (error) {
      return { ok: false, problem: `--bots ${config.botsDir} is not a folder (${fileProblem(error)}): name the folder that holds this worker's bot manifests` };
    }
    if (!isFolder) return { ok: false, problem: `--bots ${config.botsDir} is not a folder: name the folder that holds this worker's bot manifests` };
  }
  return { ok: true, ...files };
}

/** The data folder's default bots folder, made on a first start (the data folder itself exists by now). */
export function ensureDefaultBotsFolder(config: WorkerConfig): void {
  if (!config.botsDirGiven) mkdirSync(config.botsDir, { recursive: true, mode: 0o700 });
}
