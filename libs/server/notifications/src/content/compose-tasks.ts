import {
  capitalize,
  count,
  daysBetween,
  germanList,
  numericDate,
  oneLine,
  quote,
  truncate,
  weekdayLongDate,
} from './compose-format';
import {
  absolute,
  andMore,
  build,
  button,
  byDueDate,
  capped,
  FactRow,
  facts,
  greeting,
  paragraph,
  paths,
  taskStatusLabel,
  taskSummary,
} from './compose-parts';
import { ComposeContext, Notice, NoticeData, TaskFacts } from './notice-data';

type Data<K extends NoticeData['kind']> = Extract<NoticeData, { kind: K }>;

function title(task: TaskFacts): string {
  return oneLine(task.title);
}

/** Aufgabe, Arbeitsgruppe, Fällig am, Status. */
function taskRows(task: TaskFacts): FactRow[] {
  return [
    ['Aufgabe', title(task)],
    ['Arbeitsgruppe', task.groupName],
    ['Fällig am', task.dueDate ? weekdayLongDate(task.dueDate) : 'ohne Fälligkeitsdatum'],
    ['Status', taskStatusLabel(task.status)],
  ];
}

/** "seit 1 Tag überfällig", "seit 3 Tagen überfällig". */
export function overdueSince(task: TaskFacts, today: string): string {
  const days = task.dueDate ? Math.max(1, daysBetween(task.dueDate, today)) : 1;
  return `seit ${count(days, 'Tag', 'Tagen')} überfällig`;
}

/** The last entry per task (assigned, removed and assigned again within the batch window is one task). */
function latestPerTask<T extends { task: TaskFacts }>(items: T[]): T[] {
  const byTask = new Map<string, T>();
  for (const item of items) {
    byTask.delete(item.task.id);
    byTask.set(item.task.id, item);
  }
  return [...byTask.values()];
}

export function composeAssigned(data: Data<'task_assigned'>, ctx: ComposeContext): Notice {
  const items = latestPerTask(data.items);
  const single = items.length === 1 ? items[0] : undefined;
  if (single) {
    const { task, by } = single;
    const sentence = by
      ? `${by} hat Ihnen die Aufgabe ${quote(title(task))} zugewiesen.`
      : `Ihnen wurde die Aufgabe ${quote(title(task))} zugewiesen.`;
    return build(
      'task_assigned',
      {
        title: `Neue Aufgabe für Sie: ${title(task)}`,
        body: `${sentence}${task.dueDate ? ` Fällig am ${weekdayLongDate(task.dueDate)}.` : ''}`,
        link: paths.task(task.id),
        blocks: [
          greeting(data.recipient),
          paragraph(sentence),
          ...facts(taskRows(task)),
          button('Aufgabe öffnen', absolute(ctx, paths.task(task.id))),
        ],
        because: `Ihnen im Portal die Aufgabe ${quote(title(task))} zugewiesen wurde.`,
      },
      ctx,
    );
  }
  const n = items.length;
  const assigners = [...new Set(items.map((i) => i.by))];
  const onlyBy = assigners.length === 1 ? assigners[0] : null;
  const sentence = onlyBy ? `${onlyBy} hat Ihnen ${n} Aufgaben zugewiesen.` : `Ihnen wurden ${n} Aufgaben zugewiesen.`;
  const sortedItems = [...items].sort((a, b) => byDueDate(a.task, b.task));
  return build(
    'task_assigned',
    {
      title: `${n} neue Aufgaben für Sie`,
      body: `${sentence.slice(0, -1)}: ${germanList([
        ...sortedItems.slice(0, 3).map((i) => quote(title(i.task))),
        ...(n > 3 ? [`${n - 3} weitere`] : []),
      ])}.`,
      link: paths.tasks(),
      blocks: [
        greeting(data.recipient),
        paragraph(sentence),
        ...capped(
          sortedItems,
          ({ task, by }): FactRow => [title(task), `${taskSummary(task)}${by && !onlyBy ? ` · von ${by}` : ''}`],
          (more) => andMore(more, 'weitere Aufgabe', 'weitere Aufgaben'),
        ),
        button('Ihre Aufgaben öffnen', absolute(ctx, paths.tasks())),
      ],
      because: 'Ihnen im Portal Aufgaben zugewiesen wurden.',
    },
    ctx,
  );
}

export function composeMentioned(data: Data<'task_mentioned'>, ctx: ComposeContext): Notice {
  const { items } = data;
  const single = items.length === 1 ? items[0] : undefined;
  if (single) {
    const { task, by } = single;
    const excerpt = quote(truncate(oneLine(single.excerpt), 300));
    const sentence = by
      ? `${by} hat Sie in einem Kommentar zur Aufgabe ${quote(title(task))} erwähnt:`
      : `Sie wurden in einem Kommentar zur Aufgabe ${quote(title(task))} erwähnt:`;
    return build(
      'task_mentioned',
      {
        title: by ? `${by} hat Sie in ${quote(title(task))} erwähnt` : `Sie wurden in ${quote(title(task))} erwähnt`,
        body: `${sentence} ${excerpt}`,
        link: paths.task(task.id),
        blocks: [
          greeting(data.recipient),
          paragraph(sentence),
          paragraph(excerpt),
          ...facts([
            ['Aufgabe', title(task)],
            ['Arbeitsgruppe', task.groupName],
          ]),
          button('Kommentar lesen', absolute(ctx, paths.task(task.id))),
        ],
        because: 'Sie in einem Kommentar zu einer Aufgabe erwähnt wurden.',
      },
      ctx,
    );
  }
  const n = items.length;
  const taskIds = [...new Set(items.map((i) => i.task.id))];
  const oneTask = taskIds.length === 1 ? items[0]?.task : undefined;
  const where = oneTask ? `zur Aufgabe ${quote(title(oneTask))}` : `zu ${count(taskIds.length, 'Aufgabe', 'Aufgaben')}`;
  const sentence = `Sie wurden in ${n} Kommentaren ${where} erwähnt.`;
  return build(
    'task_mentioned',
    {
      title: `Sie wurden in ${n} Kommentaren erwähnt`,
      body: sentence,
      link: oneTask ? paths.task(oneTask.id) : paths.tasks(),
      blocks: [
        greeting(data.recipient),
        paragraph(sentence),
        ...capped(
          items,
          ({ task, by, excerpt }): FactRow => [
            `${by ?? 'Kommentar'} in ${quote(title(task))}`,
            quote(truncate(oneLine(excerpt), 200)),
          ],
          (more) => andMore(more, 'weiterer Kommentar', 'weitere Kommentare'),
        ),
        oneTask
          ? button('Kommentare lesen', absolute(ctx, paths.task(oneTask.id)))
          : button('Ihre Aufgaben öffnen', absolute(ctx, paths.tasks())),
      ],
      because: 'Sie in Kommentaren zu Aufgaben erwähnt wurden.',
    },
    ctx,
  );
}

export function composeDue(data: Data<'task_due'>, ctx: ComposeContext): Notice {
  const { task } = data;
  const due = task.dueDate;
  const days = due ? daysBetween(data.today, due) : data.which === 'today' ? 0 : null;
  const name = quote(title(task));
  let subject: string;
  let sentence: string;
  if (days === null || due === null) {
    subject = `Bald fällig: ${title(task)}`;
    sentence = `die Aufgabe ${name} ist bald fällig.`;
  } else if (days < 0) {
    subject = `Überfällig: ${title(task)}`;
    sentence = `die Aufgabe ${name} war am ${weekdayLongDate(due)} fällig und ist ${overdueSince(task, data.today)}.`;
  } else if (days === 0) {
    subject = `Heute fällig: ${title(task)}`;
    sentence = `die Aufgabe ${name} ist heute, ${weekdayLongDate(due)}, fällig.`;
  } else if (days === 1) {
    subject = `Fällig morgen: ${title(task)}`;
    sentence = `die Aufgabe ${name} ist morgen, ${weekdayLongDate(due)}, fällig.`;
  } else {
    subject = `Fällig in ${days} Tagen: ${title(task)}`;
    sentence = `die Aufgabe ${name} ist in ${days} Tagen fällig, am ${weekdayLongDate(due)}.`;
  }
  const done = 'Wenn sie erledigt ist, setzen Sie sie bitte im Portal auf „Erledigt“.';
  return build(
    'task_due',
    {
      title: subject,
      body: capitalize(sentence),
      link: paths.task(task.id),
      blocks: [
        greeting(data.recipient),
        paragraph(`${sentence} ${done}`),
        ...facts(taskRows(task)),
        button('Aufgabe öffnen', absolute(ctx, paths.task(task.id))),
      ],
      because: `Ihnen die Aufgabe ${name} zugewiesen ist und Sie an fällige Aufgaben erinnert werden.`,
    },
    ctx,
  );
}

export function composeOverdue(data: Data<'task_overdue'>, ctx: ComposeContext): Notice {
  const tasks = [...data.tasks].sort(byDueDate);
  const n = tasks.length;
  const first = tasks[0];
  const single = n === 1 ? first : undefined;
  const sentence = single
    ? `die Aufgabe ${quote(title(single))} ist ${overdueSince(single, data.today)}.`
    : `${n} Ihnen zugewiesene Aufgaben sind überfällig.`;
  const body = single
    ? capitalize(sentence)
    : `${sentence}${first ? ` Am längsten ${quote(title(first))} (${overdueSince(first, data.today)}).` : ''}`;
  return build(
    'task_overdue',
    {
      title: count(n, 'überfällige Aufgabe', 'überfällige Aufgaben'),
      body,
      link: single ? paths.task(single.id) : paths.tasks(),
      blocks: [
        greeting(data.recipient),
        paragraph(sentence),
        ...capped(
          tasks,
          (task): FactRow => [
            title(task),
            `${task.groupName} · fällig am ${task.dueDate ? numericDate(task.dueDate) : '–'}, ${overdueSince(task, data.today)}`,
          ],
          (more) => andMore(more, 'weitere Aufgabe', 'weitere Aufgaben'),
        ),
        paragraph(
          single
            ? 'Bitte erledigen Sie die Aufgabe oder vereinbaren Sie in Ihrer Arbeitsgruppe ein neues Fälligkeitsdatum.'
            : 'Bitte erledigen Sie die Aufgaben oder vereinbaren Sie in Ihren Arbeitsgruppen neue Fälligkeitsdaten.',
        ),
        single
          ? button('Aufgabe öffnen', absolute(ctx, paths.task(single.id)))
          : button('Ihre Aufgaben öffnen', absolute(ctx, paths.tasks())),
      ],
      because:
        'Ihnen Aufgaben zugewiesen sind, deren Fälligkeitsdatum überschritten ist. Diese Übersicht erhalten Sie höchstens einmal am Tag.',
    },
    ctx,
  );
}
