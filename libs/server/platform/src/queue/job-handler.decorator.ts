import { DiscoveryService } from '@nestjs/core';
import { JobName } from './job-registry';

/**
 * Marks a provider method as the handler of one job: `@JobHandler(JobName.MailSend)`.
 * The method receives the job's typed payload and the BullMQ job.
 */
export const JobHandler = DiscoveryService.createDecorator<JobName>();
