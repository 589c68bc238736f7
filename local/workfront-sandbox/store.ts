// The sandbox's data: projects, tasks and event subscriptions, in memory and,
// when a data file is given, persisted as JSON after every change so a
// restarted `npm start` keeps what a person created.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type SandboxObjCode = 'PROJ' | 'TASK';

export interface SandboxObject {
  ID: string;
  objCode: SandboxObjCode;
  name: string;
  description: string | null;
  status: string;
  extRefID: string | null;
  projectID?: string;
  plannedStartDate: string | null;
  plannedCompletionDate: string | null;
  entryDate: string;
  lastUpdateDate: string;
  percentComplete: number;
  priority: number;
  [field: string]: unknown;
}

export interface SandboxSubscription {
  id: string;
  customerId: string;
  objId: string | null;
  objCode: string;
  eventType: string;
  url: string;
  authToken: string;
  base64Encoding: boolean;
}

interface Snapshot {
  objects: SandboxObject[];
  subscriptions: SandboxSubscription[];
}

/** Workfront writes timestamps like `2017-10-06T13:48:56.980-0600`. */
export function workfrontTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 23)}-0000`;
}

/** Workfront GUIDs are 32 lowercase hex characters. */
export function newGuid(): string {
  return randomBytes(16).toString('hex');
}

export class SandboxStore {
  readonly objects = new Map<string, SandboxObject>();
  readonly subscriptions = new Map<string, SandboxSubscription>();
  readonly #dataFile: string | undefined;

  constructor(dataFile?: string) {
    this.#dataFile = dataFile;
    if (dataFile && existsSync(dataFile)) {
      const snapshot = JSON.parse(readFileSync(dataFile, 'utf8')) as Snapshot;
      for (const o of snapshot.objects ?? []) this.objects.set(o.ID, o);
      for (const s of snapshot.subscriptions ?? []) this.subscriptions.set(s.id, s);
    }
  }

  list(objCode: SandboxObjCode): SandboxObject[] {
    return [...this.objects.values()].filter((o) => o.objCode === objCode);
  }

  save(): void {
    if (!this.#dataFile) return;
    mkdirSync(dirname(this.#dataFile), { recursive: true });
    const snapshot: Snapshot = { objects: [...this.objects.values()], subscriptions: [...this.subscriptions.values()] };
    writeFileSync(this.#dataFile, JSON.stringify(snapshot, null, 2));
  }
}
