import { spawn } from 'node:child_process';

export interface ScriptResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript helper under `node --import tsx` to completion and returns its output;
 * rejects with its stderr when it fails or outlives `timeoutMs`.
 */
export function runTsScript(script: string, options: { env?: Record<string, string>; timeoutMs: number; cwd: string }): Promise<ScriptResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<ScriptResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${options.timeoutMs} ms:\n${stderr}`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${script} exited with ${code ?? signal}:\n${stderr}`));
    });
  });
}

/** The last line of `text` that parses as JSON (helpers print their result last). */
export function lastJsonLine<T>(text: string): T {
  const lines = text.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line) as T;
    } catch {
      // Not the result line; keep looking.
    }
  }
  throw new Error(`no JSON result in the helper's output:\n${text.slice(-2000)}`);
}
