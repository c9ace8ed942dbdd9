// A task: its edit form (status, priority, main and sub assignee, deadline, ignore-until),
// comments and history.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { components } from '../api/schema';
import { TASK_PRIORITIES, USER_TASK_STATUSES, type TaskEdit } from '../api/types';
import { PriorityBadge, SeverityBadge, TaskStatusBadge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, Loaded, Notice } from '../components/Feedback';
import { SelectField, TextArea, TextField } from '../components/Form';
import { dayInputValue, formatDay, formatTime } from '../components/format';
import { Card, Page } from '../components/Page';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';
import { useGroupId } from '../layout/GroupContext';

type TaskDetail = components['schemas']['TaskDetail'];
type HistoryEntry = components['schemas']['TaskHistoryEntry'];

interface Draft {
  status: string;
  priority: string;
  assignee: string;
  sub_assignee: string;
  deadline: string;
  ignore_until: string;
  comment: string;
}

function draftOf(task: TaskDetail): Draft {
  return {
    status: task.status, priority: task.priority, assignee: task.assignee, sub_assignee: task.sub_assignee ?? '',
    deadline: dayInputValue(task.deadline), ignore_until: dayInputValue(task.ignore_until), comment: '',
  };
}

/** Only what changed; an emptied date clears it (null). */
function editOf(task: TaskDetail, d: Draft): TaskEdit {
  const before = draftOf(task);
  const edit: TaskEdit = {};
  if (d.status !== before.status) edit.status = d.status as TaskEdit['status'];
  if (d.priority !== before.priority) edit.priority = d.priority as TaskEdit['priority'];
  if (d.assignee !== before.assignee) edit.assignee = d.assignee;
  if (d.sub_assignee !== before.sub_assignee) edit.sub_assignee = d.sub_assignee;
  if (d.deadline !== before.deadline) edit.deadline = d.deadline || null;
  if (d.ignore_until !== before.ignore_until) edit.ignore_until = d.ignore_until || null;
  if (d.comment.trim()) edit.comment = d.comment.trim();
  return edit;
}

function EditForm({ group, task, onSaved }: { group: number; task: TaskDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(task));
  const [saved, setSaved] = useState(false);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => { setSaved(false); setDraft({ ...draft, [key]: e.target.value }); };
  const edit = editOf(task, draft);
  const save = useAction(async () => {
    await unwrap(api.PATCH('/api/v1/groups/{group}/tasks/{task}', { params: { path: { group, task: task.id } }, body: edit }));
    setSaved(true);
    setDraft((d) => ({ ...d, comment: '' }));
    onSaved();
  });
  const statuses = task.status === 'PATCH_APPLIED' ? ['PATCH_APPLIED', ...USER_TASK_STATUSES] : USER_TASK_STATUSES;
  const submit = (e: FormEvent) => { e.preventDefault(); void save.run(); };
  return (
    <form onSubmit={submit} className="edit-grid" data-testid="task-edit" aria-label={t('task.edit')}>
      <SelectField label={t('tasks.status')} value={draft.status} onChange={set('status')} hint={t(`taskStatus.${draft.status as 'NEW'}`)} options={statuses.map((s) => ({ value: s, label: s }))} />
      <SelectField label={t('tasks.priority')} value={draft.priority} onChange={set('priority')} options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      <TextField label={t('task.assignee')} value={draft.assignee} onChange={set('assignee')} />
      <TextField label={t('task.subAssignee')} value={draft.sub_assignee} onChange={set('sub_assignee')} />
      <TextField label={t('tasks.deadline')} type="date" value={draft.deadline} onChange={set('deadline')} />
      <TextField label={t('task.ignoreUntil')} type="date" value={draft.ignore_until} onChange={set('ignore_until')} hint={t('task.ignoreUntilHint')} />
      <div className="span-2">
        <TextArea label={t('task.changeComment')} rows={2} value={draft.comment} onChange={set('comment')} />
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="btn btn-primary" disabled={Object.keys(edit).length === 0 || save.busy}>{t('common.save')}</button>
        {saved && <Notice tone="ok">{t('common.saved')}</Notice>}
      </div>
      <div className="span-2"><ErrorMessage error={save.error} /></div>
    </form>
  );
}

function Comments({ group, task, onAdded }: { group: number; task: TaskDetail; onAdded: () => void }) {
  const { t, i18n } = useTranslation();
  const [body, setBody] = useState('');
  const add = useAction(async () => {
    await unwrap(api.POST('/api/v1/groups/{group}/tasks/{task}/comments', { params: { path: { group, task: task.id } }, body: { body } }));
    setBody('');
    onAdded();
  });
  return (
    <Card title={t('task.comments')}>
      {task.comments.length === 0 ? <p className="muted">{t('task.noComments')}</p> : (
        <ol className="comments">
          {task.comments.map((c) => (
            <li key={c.id} className={c.system ? 'comment comment-system' : 'comment'}>
              <p className="comment-meta"><strong>{c.system ? t('task.system') : c.author}</strong> · {formatTime(c.created_at, i18n.language)}</p>
              <p className="comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => { e.preventDefault(); void add.run(); }}>
        <TextArea label={t('task.newComment')} rows={3} required value={body} onChange={(e) => setBody(e.target.value)} />
        <ErrorMessage error={add.error} />
        <div className="form-actions"><button type="submit" className="btn" disabled={add.busy || !body.trim()}>{t('task.addComment')}</button></div>
      </form>
    </Card>
  );
}

export function TaskDetailPage() {
  const { t, i18n } = useTranslation();
  const group = useGroupId();
  const taskId = Number(useParams().taskId);
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const task = useQuery(() => unwrap(api.GET('/api/v1/groups/{group}/tasks/{task}', { params: { path: { group, task: taskId } } })), [group, taskId, version]);
  const vulnId = task.data?.vulnerability_id;
  const serverId = task.data?.server_id;
  const server = useQuery(async () => (serverId ? unwrap(api.GET('/api/v1/groups/{group}/servers/{server}', { params: { path: { group, server: serverId } } })) : undefined), [group, serverId]);
  const vuln = useQuery(async () => (vulnId ? unwrap(api.GET('/api/v1/groups/{group}/vulnerabilities/{id}', { params: { path: { group, id: vulnId } } })) : undefined), [group, vulnId]);
  return (
    <Page title={t('task.title', { id: taskId })}>
      <Loaded query={task}>
        {(d) => (
          <>
            <Card title={t('task.overview')}>
              <dl className="facts">
                <div><dt>{t('tasks.vulnerability')}</dt><dd><Link className="mono" to={`/groups/${group}/vulnerabilities/${encodeURIComponent(d.vulnerability_id)}`}>{d.vulnerability_id}</Link>{vuln.data?.title && <div className="small">{vuln.data.title}</div>}</dd></div>
                <div><dt>{t('tasks.severity')}</dt><dd>{vuln.data ? <SeverityBadge severity={vuln.data.severity} /> : '—'}</dd></div>
                <div><dt>{t('tasks.server')}</dt><dd><Link to={`/groups/${group}/servers/${d.server_id}`}>{server.data?.name ?? `#${d.server_id}`}</Link></dd></div>
                <div><dt>{t('tasks.status')}</dt><dd><TaskStatusBadge status={d.status} /> <span className="small muted">{t(`taskStatus.${d.status}`)}</span></dd></div>
                <div><dt>{t('tasks.priority')}</dt><dd><PriorityBadge priority={d.priority} /></dd></div>
                <div><dt>{t('tasks.deadline')}</dt><dd>{formatDay(d.deadline, i18n.language)}</dd></div>
                <div><dt>{t('task.subAssignee')}</dt><dd>{d.sub_assignee || '—'}</dd></div>
                <div><dt>{t('task.ignoreUntil')}</dt><dd>{formatDay(d.ignore_until, i18n.language)}</dd></div>
                <div><dt>{t('task.assignee')}</dt><dd>{d.assignee || '—'}</dd></div>
                <div><dt>{t('serverDetail.created')}</dt><dd>{formatTime(d.created_at, i18n.language)}</dd></div>
                <div><dt>{t('task.updated')}</dt><dd>{formatTime(d.updated_at, i18n.language)}</dd></div>
              </dl>
            </Card>
            <Card title={t('task.edit')}>
              <EditForm key={d.id} group={group} task={d} onSaved={reload} />
            </Card>
            <Comments group={group} task={d} onAdded={reload} />
            <Card title={t('task.history')}>
              <DataTable<HistoryEntry>
                caption={t('task.history')}
                rows={d.history}
                rowKey={(h) => `${h.at}-${h.field}-${h.new}`}
                empty={t('task.noHistory')}
                columns={[
                  { key: 'at', header: t('task.when'), cell: (h) => formatTime(h.at, i18n.language) },
                  { key: 'actor', header: t('task.actor'), cell: (h) => h.actor },
                  { key: 'field', header: t('task.field'), cell: (h) => h.field },
                  { key: 'old', header: t('task.old'), cell: (h) => h.old || '—' },
                  { key: 'new', header: t('task.new'), cell: (h) => h.new || '—' },
                ]}
              />
            </Card>
          </>
        )}
      </Loaded>
    </Page>
  );
}
