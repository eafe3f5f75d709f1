import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The state of a task after a change, as reminders are planned from it. */
export interface TaskStateSnapshot {
  groupId: string;
  status: string;
  dueDate: string | null;
  assigneeIds: string[];
  archived: boolean;
  version: number;
}

/**
 * What happened in a domain that someone may need to hear about. Emitted inside the transaction
 * of the change, so whatever a listener writes (reminder rows) commits or rolls back with it.
 * Events carry ids and the facts a listener cannot read afterwards (who was invited before).
 */
export type DomainEvent =
  | { type: 'meeting.created'; meetingIds: string[]; seriesId: string | null; actorId: string }
  | {
      type: 'meeting.updated';
      meetingIds: string[];
      actorId: string;
      /** Fields the change touched (startsAt, title, onlineUrl, invitations, …). */
      fields: string[];
      /** Active invitees before the change, per meeting, when the invitations changed. */
      inviteesBefore?: Record<string, string[]>;
    }
  | { type: 'meeting.cancelled'; meetingIds: string[]; actorId: string; reason: string | null }
  | { type: 'meeting_series.reminders_changed'; seriesId: string; actorId: string }
  | {
      type: 'task.changed';
      taskId: string;
      actorId: string | null;
      task: TaskStateSnapshot;
      /** People newly assigned by this change. */
      assignedIds: string[];
      /** People mentioned in a new comment, with the comment's id. */
      mentioned?: { commentId: string; accountIds: string[] };
    }
  | { type: 'minutes.submitted'; minutesId: string; actorId: string }
  | { type: 'minutes.approved'; minutesId: string; accountId: string }
  | { type: 'minutes.reopened'; minutesId: string; actorId: string }
  | { type: 'minutes.released'; minutesId: string; actorId: string }
  | {
      type: 'membership.decided';
      organizationId: string;
      requesterId: string;
      approved: boolean;
      message: string | null;
      actorId: string;
    }
  | { type: 'group_join.decided'; groupId: string; accountId: string; approved: boolean; actorId: string };

export type DomainEventListener = (manager: EntityManager, event: DomainEvent) => Promise<void>;

/**
 * An in-transaction event bus: a lower domain announces a change, a later one (notifications)
 * reacts in the same transaction. Domains stay unaware of who listens (ARCHITECTURE.md's domain
 * order forbids them to import the notifications lib).
 */
@Injectable()
export class DomainEvents {
  private readonly listeners: DomainEventListener[] = [];

  subscribe(listener: DomainEventListener): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }

  /** Runs every listener in the caller's transaction; a failing listener fails the change. */
  async emit(manager: EntityManager, event: DomainEvent): Promise<void> {
    for (const listener of this.listeners) await listener(manager, event);
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
