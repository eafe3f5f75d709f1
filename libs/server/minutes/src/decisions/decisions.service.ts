import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, isCoordination } from '@srp/server/identity';
import { visibleMeetingsCondition } from '@srp/server/meetings';
import { DomainError, renderMarkdown } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { DecisionPageDto, ListDecisionsQuery } from '../minutes.dto';
import {
  DECISION_SEARCH_VECTOR,
  decodeDecisionCursor,
  encodeDecisionCursor,
  germanPrefixQuery,
} from './decision-search';

/** The decision register (Beschlüsse) across all groups: visible rows, search, filters, keyset pages. */
@Injectable()
export class DecisionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of decisions, newest first. Visible: initiative-wide ones, those of the actor's groups,
   * those of group-less meetings the actor may see; coordination sees all. Confidential decisions
   * only for coordination, the host group's leads and the meeting's organiser (who manage the
   * meeting and read confidential entries in the minutes too).
   */
  async list(actor: Actor, query: ListDecisionsQuery): Promise<DecisionPageDto> {
    if (query.from && query.to && query.from > query.to) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'to', code: 'invalid', message: 'Das Ende des Zeitraums liegt vor seinem Anfang.' },
      ]);
    }
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = ['TRUE'];
    if (!isCoordination(actor)) {
      const me = p(actor.accountId);
      const ownGroup = `d.group_id IN (SELECT group_id FROM group_membership WHERE account_id = ${me} AND status = 'active')`;
      where.push(
        `(d.publish_level = 'initiative' OR ${ownGroup}
          OR (d.group_id IS NULL AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = d.meeting_id
                                              AND ${visibleMeetingsCondition(me, false)})))`,
        // As in the minutes: confidential entries are for those who run the meeting.
        `(NOT d.confidential OR mt.organizer_id = ${me}
          OR d.group_id IN (SELECT group_id FROM group_membership
                             WHERE account_id = ${me} AND status = 'active' AND role = 'lead'))`,
      );
    }
    if (query.groupId) where.push(`d.group_id = ${p(query.groupId)}::uuid`);
    if (query.from) where.push(`d.decided_on >= ${p(query.from)}::date`);
    if (query.to) where.push(`d.decided_on <= ${p(query.to)}::date`);
    if (query.q?.trim()) {
      const tsQuery = germanPrefixQuery(query.q);
      where.push(tsQuery ? `${DECISION_SEARCH_VECTOR} @@ to_tsquery('german', ${p(tsQuery)})` : 'FALSE');
    }
    if (query.cursor) {
      const after = decodeDecisionCursor(query.cursor);
      where.push(`(d.decided_on, d.id) < (${p(after.decidedOn)}::date, ${p(after.id)}::uuid)`);
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id, d.text, d.decided_on::text AS decided_on, d.group_id, g.short_name, d.meeting_id,
              mt.title AS meeting_title, d.agenda_item_title, d.confidential, d.revision
         FROM decision d
         JOIN meeting mt ON mt.id = d.meeting_id
         LEFT JOIN working_group g ON g.id = d.group_id
        WHERE ${where.join(' AND ')}
        ORDER BY d.decided_on DESC, d.id DESC
        LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r['id'] as string,
        text: r['text'] as string,
        textHtml: renderMarkdown(r['text'] as string),
        decidedOn: r['decided_on'] as string,
        group: r['group_id'] ? { id: r['group_id'] as string, shortName: r['short_name'] as string } : null,
        meeting: { id: r['meeting_id'] as string, title: r['meeting_title'] as string },
        agendaItemTitle: r['agenda_item_title'] as string | null,
        confidential: r['confidential'] as boolean,
        revision: r['revision'] as number,
      })),
      nextCursor:
        rows.length > limit && last ? encodeDecisionCursor(last['decided_on'] as string, last['id'] as string) : null,
    };
  }
}
