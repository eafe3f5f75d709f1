import { Global, Module } from '@nestjs/common';
import { JobQueueService } from './job-queue.service';

/** Producer side of the queues, available to every module in api and worker. */
@Global()
@Module({ providers: [JobQueueService], exports: [JobQueueService] })
export class QueueModule {}
