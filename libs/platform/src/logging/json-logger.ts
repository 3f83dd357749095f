import type { LoggerService } from '@nestjs/common';
import { Correlation } from './correlation';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * One JSON object per line, for an operator's log search: time, level, the process's role, the Nest context, the
 * message and the correlation id of the request or job it belongs to. Messages name ids and counts, never a
 * reporter's data or a secret (a test greps an e2e run's log for them).
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly role: string,
    private readonly write: (line: string, level: Level) => void = (line, level) => (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(`${line}\n`),
  ) {}

  fatal(message: unknown, ...optional: unknown[]): void {
    this.print('fatal', message, optional);
  }

  error(message: unknown, ...optional: unknown[]): void {
    this.print('error', message, optional);
  }

  warn(message: unknown, ...optional: unknown[]): void {
    this.print('warn', message, optional);
  }

  log(message: unknown, ...optional: unknown[]): void {
    this.print('info', message, optional);
  }

  debug(message: unknown, ...optional: unknown[]): void {
    this.print('debug', message, optional);
  }

  verbose(message: unknown, ...optional: unknown[]): void {
    this.print('trace', message, optional);
  }

  /** Nest passes the context last; an error may pass its stack before it. */
  private print(level: Level, message: unknown, optional: unknown[]): void {
    const rest = [...optional];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = rest.find((item): item is string => typeof item === 'string') ?? (message instanceof Error ? message.stack : undefined);
    const fields = message !== null && typeof message === 'object' && !(message instanceof Error) ? (message as Record<string, unknown>) : { msg: message instanceof Error ? message.message : String(message) };
    const line = { time: new Date().toISOString(), level, role: this.role, pid: process.pid, context, correlationId: Correlation.id() ?? undefined, ...fields, stack };
    this.write(JSON.stringify(line), level);
  }
}
