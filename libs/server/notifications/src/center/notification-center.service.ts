import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@srp/server/platform';
import { DataSource } from 'typeorm';
import { MarkedReadDto, NotificationDto, NotificationPageDto, UnreadCountDto } from '../http/notifications.dto';

interface Row {
  /** created_at as PostgreSQL prints it (microseconds): the cursor must not lose precision. */
  at: string;
  id: string;
  kind: NotificationDto['kind'];
  title: string;
  body: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
}

/** A person's notification centre: newest first, keyset paging, unread count, marking read. */
@Injectable()
export class NotificationCenterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    accountId: string,
    query: { cursor?: string; limit?: number; unread?: boolean },
  ): Promise<NotificationPageDto> {
    const limit = query.limit ?? 30;
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = (await this.dataSource.query(
      `SELECT id, kind, title, body, link, created_at, created_at::text AS at, read_at FROM notification
        WHERE account_id = $1 ${query.unread ? 'AND read_at IS NULL' : ''}
          ${cursor ? 'AND (created_at, id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      cursor ? [accountId, limit + 1, cursor.at, cursor.id] : [accountId, limit + 1],
    )) as Row[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDto),
      unreadCount: (await this.unread(accountId)).count,
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /** The bell's number; `latestAt` lets clients (and the ETag) notice new notifications. */
  async unread(accountId: string): Promise<UnreadCountDto> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM notification WHERE account_id = $1 AND read_at IS NULL) AS count,
              (SELECT max(created_at) FROM notification WHERE account_id = $1) AS latest`,
      [accountId],
    )) as { count: number; latest: Date | null }[];
    return { count: row?.count ?? 0, latestAt: row?.latest ? new Date(row.latest).toISOString() : null };
  }

  /** Marks one notification read (404 for someone else's). */
  async markRead(accountId: string, id: string): Promise<MarkedReadDto> {
    const rows = (await this.dataSource.query(
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND account_id = $2 RETURNING id`,
      [id, accountId],
    )) as [unknown[], number];
    if (!rows[1]) throw new DomainError('NOT_FOUND');
    return { marked: 1, unreadCount: (await this.unread(accountId)).count };
  }

  async markAllRead(accountId: string): Promise<MarkedReadDto> {
    const [, marked] = (await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE account_id = $1 AND read_at IS NULL`,
      [accountId],
    )) as [unknown, number];
    return { marked, unreadCount: 0 };
  }
}

function toDto(r: Row): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

function encodeCursor(r: Row): string {
  return Buffer.from(`${r.at}|${r.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new DomainError('VALIDATION_FAILED', undefined, [
      { field: 'cursor', code: 'invalid', message: 'Der Verweis auf die nächste Seite ist ungültig.' },
    ]);
  }
  return { at, id };
}
