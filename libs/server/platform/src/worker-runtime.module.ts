import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MailWorkerModule } from './mail/mail-worker.module';
import { IdempotencyPurgeHandler } from './http/idempotency/idempotency-purge.handler';
import { JobWorkerService } from './queue/job-worker.service';

/** The worker's job runtime: handler discovery, BullMQ workers, schedulers, platform handlers. */
@Module({ imports: [DiscoveryModule, MailWorkerModule], providers: [JobWorkerService, IdempotencyPurgeHandler] })
export class WorkerRuntimeModule {}
