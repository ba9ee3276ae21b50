import { Global, Module, type Type } from '@nestjs/common';
import {
  DCR_CLIENT_IN_USE,
  DcrEvents,
  type DcrClientInUse,
  type DcrEvent,
} from '../../src/index.js';
import type { DcrTestApp } from './dcr-test-app.js';
import { publicClient, postRegistration } from './registration-requests.js';

/** What the host's in-use hook answers in a test: set `answer` to change it. */
export class TestClientInUse implements DcrClientInUse {
  /** Every batch the reaper asked about. */
  readonly calls: string[][] = [];
  answer: (clientIds: readonly string[]) => Promise<ReadonlySet<string>> = () =>
    Promise.resolve(new Set());

  isInUse(clientIds: readonly string[]): Promise<ReadonlySet<string>> {
    this.calls.push([...clientIds]);
    return this.answer(clientIds);
  }
}

/** A host module that provides `hook` as `DCR_CLIENT_IN_USE`, globally, as a host app would. */
export function clientInUseModule(hook: TestClientInUse): Type<unknown> {
  @Global()
  @Module({
    providers: [{ provide: DCR_CLIENT_IN_USE, useValue: hook }],
    exports: [DCR_CLIENT_IN_USE],
  })
  class ClientInUseModule {}
  return ClientInUseModule;
}

/** Registers a public client and returns its id. */
export async function registerClient(t: DcrTestApp): Promise<string> {
  const response = await postRegistration(t.server, publicClient).expect(201);
  return (response.body as { client_id: string }).client_id;
}

/** How old a test client is made: registered and (first, last) authenticated that long ago. */
export interface ClientAge {
  readonly registeredHoursAgo: number;
  readonly firstUsedHoursAgo?: number;
  readonly lastUsedHoursAgo?: number;
}

/** Moves a client's dates into the past, as if time had passed. */
export async function age(t: DcrTestApp, clientId: string, clientAge: ClientAge): Promise<void> {
  const ago = (hours: number | undefined) =>
    hours === undefined ? null : new Date(Date.now() - hours * 3_600_000);
  await t.schema.query(
    `UPDATE dcr_client SET issued_at = $2, updated_at = $2, first_authenticated_at = $3,
       last_authenticated_at = $4 WHERE client_id = $1`,
    [
      clientId,
      ago(clientAge.registeredHoursAgo),
      ago(clientAge.firstUsedHoursAgo),
      ago(clientAge.lastUsedHoursAgo),
    ],
  );
}

/** Registers a client and ages it. */
export async function agedClient(t: DcrTestApp, clientAge: ClientAge): Promise<string> {
  const clientId = await registerClient(t);
  await age(t, clientId, clientAge);
  return clientId;
}

/** The ids of the clients still stored, sorted. */
export async function remainingClients(t: DcrTestApp): Promise<string[]> {
  const rows = await t.schema.query<{ client_id: string }>(
    'SELECT client_id FROM dcr_client ORDER BY client_id',
  );
  return rows.map((row) => row.client_id);
}

/** Collects the app's `client.reaped` events. */
export function reapedEvents(t: DcrTestApp): DcrEvent[] {
  const events: DcrEvent[] = [];
  t.app.get(DcrEvents).subscribe((event) => {
    if (event.type === 'client.reaped') events.push(event);
  });
  return events;
}

export const DAY = 24;
