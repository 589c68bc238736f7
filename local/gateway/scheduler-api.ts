// EventBridge Scheduler's REST-JSON API on the gateway (the operations MCC
// calls, paths and fields as in @aws-sdk/client-scheduler's model):
// CreateScheduleGroup `POST /schedule-groups/{Name}`, GetScheduleGroup `GET`,
// DeleteScheduleGroup `DELETE` (`?clientToken`), CreateSchedule `POST
// /schedules/{Name}` (GroupName in the body), GetSchedule / DeleteSchedule
// `GET` / `DELETE /schedules/{Name}?groupName=`, ListSchedules `GET
// /schedules?ScheduleGroup=&NamePrefix=&State=&MaxResults=&NextToken=`.
// Timestamps are epoch seconds; errors carry `x-amzn-ErrorType`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError } from '../aws-error.ts';
import type { CreateScheduleRequest, SchedulerService, StoredSchedule } from '../scheduler/scheduler-service.ts';
import { epochSeconds, readBody, sendAwsError, sendJson } from './http-util.ts';

export function isSchedulerPath(pathname: string): boolean {
  return pathname === '/schedules' || pathname.startsWith('/schedules/') || pathname === '/schedule-groups' || pathname.startsWith('/schedule-groups/');
}

const view = (s: StoredSchedule) => ({
  Arn: s.Arn,
  GroupName: s.GroupName,
  Name: s.Name,
  ScheduleExpression: s.ScheduleExpression,
  ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
  State: s.State,
  ...(s.Description !== undefined ? { Description: s.Description } : {}),
  ActionAfterCompletion: s.ActionAfterCompletion,
  FlexibleTimeWindow: s.FlexibleTimeWindow,
  Target: s.Target,
  CreationDate: epochSeconds(s.CreationDate),
  LastModificationDate: epochSeconds(s.LastModificationDate),
});

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req)).toString('utf8');
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    throw new AwsServiceError('ValidationException', 'The request body is not valid JSON');
  }
}

export async function serveScheduler(req: IncomingMessage, res: ServerResponse, url: URL, scheduler: SchedulerService): Promise<void> {
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const [, collection = '', rawName, ...extra] = url.pathname.split('/');
    const name = rawName === undefined ? undefined : decodeURIComponent(rawName);
    const q = url.searchParams;
    if (extra.length > 0) throw new AwsServiceError('UnknownOperationException', `The local Scheduler does not serve ${method} ${url.pathname}`, 404);
    if (collection === 'schedule-groups' && name !== undefined) {
      if (method === 'POST') {
        await jsonBody(req);
        return sendJson(res, 200, { ScheduleGroupArn: scheduler.createGroup(name).Arn });
      }
      if (method === 'GET') {
        const g = scheduler.group(name);
        return sendJson(res, 200, { Arn: g.Arn, Name: g.Name, State: 'ACTIVE', CreationDate: epochSeconds(g.CreationDate), LastModificationDate: epochSeconds(g.CreationDate) });
      }
      if (method === 'DELETE') {
        scheduler.deleteGroup(name);
        return sendJson(res, 200, {});
      }
    }
    if (collection === 'schedules' && name !== undefined) {
      if (method === 'POST') return sendJson(res, 200, { ScheduleArn: scheduler.createSchedule({ ...(await jsonBody(req)), Name: name } as CreateScheduleRequest).Arn });
      if (method === 'GET') return sendJson(res, 200, view(scheduler.schedule(name, q.get('groupName') ?? undefined)));
      if (method === 'DELETE') {
        scheduler.deleteSchedule(name, q.get('groupName') ?? undefined);
        return sendJson(res, 200, {});
      }
    }
    if (collection === 'schedules' && name === undefined && method === 'GET') {
      const all = scheduler.list({
        ...(q.get('ScheduleGroup') ? { group: q.get('ScheduleGroup') ?? '' } : {}),
        ...(q.get('NamePrefix') ? { namePrefix: q.get('NamePrefix') ?? '' } : {}),
        ...(q.get('State') ? { state: q.get('State') ?? '' } : {}),
      });
      const start = Number(q.get('NextToken') ?? 0) || 0;
      const size = Math.min(Math.max(Number(q.get('MaxResults') ?? 100) || 100, 1), 100);
      const items = all.slice(start, start + size);
      return sendJson(res, 200, {
        Schedules: items.map((s) => ({ Arn: s.Arn, Name: s.Name, GroupName: s.GroupName, State: s.State, CreationDate: epochSeconds(s.CreationDate), LastModificationDate: epochSeconds(s.LastModificationDate), Target: { Arn: s.Target.Arn } })),
        ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
      });
    }
    throw new AwsServiceError('UnknownOperationException', `The local Scheduler does not serve ${method} ${url.pathname}`, 404);
  } catch (error) {
    sendAwsError(res, error, 'application/json');
  }
}
