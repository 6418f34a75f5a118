import type { WritableDB } from '../database';

/** One step of the schema, as data: applied once, in order, inside the migration transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: WritableDB): void;
}
