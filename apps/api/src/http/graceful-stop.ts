import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';

/** However busy the clients keep their connections, the process is gone within this (an orchestrator's grace is 10 s or more). */
const FINISH_WITHIN_MS = 8000;
const POLL_MS = 20;

/**
 * A stop that stops, under any load: on SIGTERM the server takes no new connection, every answer from then on says
 * `Connection: close`, idle keep-alive connections are closed at once and the others as soon as their request is
 * answered; past FINISH_WITHIN_MS whatever is left is closed. Nest then closes the stores and exits.
 */
@Injectable()
export class GracefulStop implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Stop');
  private stopping = false;
  private inFlight = 0;
  private finishedWhileStopping = 0;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Counts the requests being answered, and asks every client to close once the stop has begun. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    if (this.stopping) response.setHeader('Connection', 'close');
    this.inFlight++;
    response.once('close', () => {
      this.inFlight--;
      if (this.stopping) this.finishedWhileStopping++;
    });
    next();
  };

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    this.stopping = true;
    const started = Date.now();
    const answering = this.inFlight;
    server.close();
    server.closeIdleConnections();
    while (this.inFlight > 0 && Date.now() - started < FINISH_WITHIN_MS) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      // A connection whose request was just answered is idle now: closed before its client sends another.
      server.closeIdleConnections();
    }
    const unfinished = this.inFlight;
    server.closeAllConnections();
    this.logger.log(
      `Stopping on ${signal ?? 'request'}: took no new connection, finished ${this.finishedWhileStopping} request(s) (${answering} in flight when it began) in ${Date.now() - started} ms` +
        (unfinished > 0 ? `; ${unfinished} still unanswered after ${FINISH_WITHIN_MS} ms were cut off` : ''),
    );
  }
}
