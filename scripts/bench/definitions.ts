/**
 * The shapes of the bench's registry (registry.ts): servers it starts, loads it sends them, and
 * rows that compare an app under test with a floor under a target. A new row is a server or a
 * load definition (one file under `servers/` or `loads/`) plus an entry in `ROWS`.
 */
import type autocannon from 'autocannon';
import type { ClientCredentials } from './register-clients.js';
import type { ServerProcess } from './server-process.js';

/** What every server start gets from the run. */
export interface StartContext {
  /** The bench database (dropped and recreated by every run). */
  readonly databaseUrl: string;
  /** Pool size of every server (`--pool`), so no server has more connections than another. */
  readonly poolSize: number;
  /** `--app-env NAME=value`: extra environment of the apps under test, never of floors. */
  readonly appEnv: Readonly<Record<string, string>>;
}

/** A server the bench starts as a child process: an app under test or a floor. */
export interface ServerDefinition {
  /** Short identifier, unique in the registry (`identity`, `express`, `floor`). */
  readonly id: string;
  /** Name in the tables (`Fastify`, `Express`, ...). */
  readonly label: string;
  readonly role: 'app' | 'floor';
  /** One line for the legend under the result table: what it does per request. */
  readonly description: string;
  start(context: StartContext): Promise<ServerProcess>;
}

/** What a load's preparation may use, shared by every load prepared on the same run. */
export interface PrepareContext {
  /**
   * `--clients` clients registered through `server`'s own API (created once per server, then
   * shared by every load of that server that reads registrations).
   */
  registeredClients(server: ServerProcess): Promise<readonly ClientCredentials[]>;
}

/** Builds the autocannon request of one measurement (a fresh one each time). */
export type RequestFactory = () => autocannon.Request;

/** What the load generator sends a server: one kind of request, repeated as fast as answered. */
export interface LoadDefinition {
  /** Short identifier, unique in the registry (`register`, `read`, `read-no-auth`). */
  readonly id: string;
  /** One line: what each request is and what a correct answer is. */
  readonly description: string;
  /**
   * Sends one request and checks the answer (a server that answers wrongly is not measured),
   * creates whatever the load needs (registered clients), and returns the request factory.
   */
  prepare(server: ServerProcess, context: PrepareContext): Promise<RequestFactory>;
  /**
   * The status of a correct answer when it is not a 2xx: an authorization request answers with a
   * redirect (RFC 6749 §4.1.1). Only that status then counts as answered.
   */
  readonly successStatus?: number;
}

/** A server under one load: the unit the rounds measure. */
export interface ContenderRef {
  readonly server: ServerDefinition;
  readonly load: LoadDefinition;
}

/** The thresholds of a row: the app's share of the floor's req/s and its tail latency. */
export interface RowTarget {
  /** Minimum median per-round ratio app req/s ÷ floor req/s. */
  readonly minRatio: number;
  /** Maximum median p99 of the app, in milliseconds. */
  readonly maxP99Ms: number;
}

/** One line of the result table: an app under a load against a floor under a load. */
export interface RowDefinition {
  /**
   * The table's first column (`POST`, `GET`, ...). Rows of one scenario are measured together:
   * each round measures their contenders back to back, so machine noise hits them alike.
   */
  readonly scenario: string;
  readonly app: ContenderRef;
  /** Name of the app in the tables, when not its server's label (a floor under another load). */
  readonly appLabel?: string;
  readonly floor: ContenderRef;
  /** Name of the floor in the tables (`floor`, `floor+auth`). */
  readonly floorLabel: string;
  /** `undefined`: an information row (shown with its spread, never a reason to fail). */
  readonly target?: RowTarget;
}

/** The key of a contender in the results: `<server>:<load>`. */
export function contenderKey(ref: ContenderRef): string {
  return `${ref.server.id}:${ref.load.id}`;
}
