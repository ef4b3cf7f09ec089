import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../ports/logger.js';

const maxBytes = 5 * 1024 * 1024;
const jwtPattern = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;

/**
 * Diagnostic log as JSON lines with one rotation. Callers never pass secrets; the JWT scrub is a
 * second line of defence so a mistake cannot put a token on disk (S30).
 */
export class JsonLinesLogger implements Logger {
  #written = 0;

  constructor(private readonly path: string, private readonly echo: boolean = false) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      this.#written = statSync(path).size;
    } catch {
      this.#written = 0;
    }
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.#write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.#write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.#write('error', message, fields);
  }

  #write(level: string, message: string, fields?: Record<string, unknown>): void {
    const line = `${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields }).replace(jwtPattern, '[REDACTED]')}\n`;
    if (this.echo) process.stderr.write(line);
    // Bytes, not UTF-16 units: a line of non-Latin text takes up to three bytes a character on disk.
    const lineBytes = Buffer.byteLength(line);
    if (this.#written + lineBytes > maxBytes) this.#rotate();
    try {
      appendFileSync(this.path, line, { mode: 0o600 });
      this.#written += lineBytes;
    } catch {
      // Logging must never take the supervisor down.
    }
  }

  #rotate(): void {
    try {
      renameSync(this.path, `${this.path}.1`);
    } catch {
      // The old file is held (an antivirus scan, a folder in the way): keep writing to this one
      // and try again after another 5 MiB, rather than losing every later line.
    }
    this.#written = 0;
  }
}
