import type { DataSource, Driver, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * The SQL of one entity's table, derived once from its TypeORM metadata: the entity class is the
 * one list of columns (the migrations create exactly those columns, and a test checks that they
 * agree). Repositories build their statements from it and convert values with the driver's own
 * conversions (`jsonb` to JSON text, dates, ...), so no column is listed twice.
 *
 * Table names are unqualified, so they resolve through the connection's `search_path`, where the
 * module's migrations create them.
 */
export class EntityTable<Entity extends ObjectLiteral> {
  /** The quoted table name. */
  readonly name: string;
  /** Every column, quoted and comma-separated, in the entity's order. */
  readonly columnList: string;
  /** Every column name, quoted, the primary key first (for clauses such as `ON CONFLICT`). */
  readonly columnNames: readonly string[];
  /** `INSERT` of every column, parameters in column order (see {@link parameters}). */
  readonly insertSql: string;
  /**
   * The same `INSERT` as a `SELECT` of its parameters, for a caller to append a `WHERE` that
   * decides in the same statement whether the row is inserted (PostgreSQL types the parameters
   * from the target columns, as with `VALUES`).
   */
  readonly insertSelectSql: string;
  /**
   * `SELECT` of every column of the row whose primary key is `$1` (`$1`, `$2`, ... for a key of
   * several columns, in the entity's order).
   */
  readonly selectByIdSql: string;
  /** `UPDATE` of every column but the primary key, of the row whose key is given as above. */
  readonly updateSql: string;
  /** The quoted primary key column(s), comma-separated, e.g. for `ON CONFLICT (...)`. */
  readonly keyList: string;

  private readonly columns: readonly ColumnMetadata[];
  private readonly driver: Driver;

  constructor(dataSource: DataSource, target: EntityTarget<Entity>) {
    const metadata: EntityMetadata = dataSource.getMetadata(target);
    const primary = metadata.primaryColumns;
    if (primary.length === 0) {
      throw new Error(`${metadata.name}: EntityTable needs a primary key`);
    }
    // The primary key first, so that `$1` (`$1`...`$k` for a composite key) is the key in every
    // statement.
    this.columns = [...primary, ...metadata.columns.filter((column) => !primary.includes(column))];
    this.driver = dataSource.driver;
    this.name = quote(metadata.tableName);
    this.columnNames = this.columns.map((column) => quote(column.databaseName));
    this.columnList = this.columnNames.join(', ');
    this.keyList = primary.map((column) => quote(column.databaseName)).join(', ');
    const placeholders = this.columns.map((_column, index) => `$${index + 1}`).join(', ');
    const key = primary
      .map((column, index) => `${quote(column.databaseName)} = $${index + 1}`)
      .join(' AND ');
    this.insertSql = `INSERT INTO ${this.name} (${this.columnList}) VALUES (${placeholders})`;
    this.insertSelectSql = `INSERT INTO ${this.name} (${this.columnList}) SELECT ${placeholders}`;
    this.selectByIdSql = `SELECT ${this.columnList} FROM ${this.name} WHERE ${key}`;
    const assignments = this.columns
      .slice(primary.length)
      .map((column, index) => `${quote(column.databaseName)} = $${index + primary.length + 1}`)
      .join(', ');
    this.updateSql = `UPDATE ${this.name} SET ${assignments} WHERE ${key}`;
  }

  /** The quoted column name of an entity property, for hand-written statements. */
  column(property: keyof Entity & string): string {
    const column = this.columns.find((candidate) => candidate.propertyName === property);
    if (!column) throw new Error(`${this.name} has no column for property "${property}"`);
    return quote(column.databaseName);
  }

  /** The placeholder (`$n`) of a property's value in {@link insertSql} and {@link insertSelectSql}. */
  parameter(property: keyof Entity & string): string {
    const index = this.columns.findIndex((candidate) => candidate.propertyName === property);
    if (index < 0) throw new Error(`${this.name} has no column for property "${property}"`);
    return `$${index + 1}`;
  }

  /** The values of every column of `entity`, in column order, as the driver sends them. */
  parameters(entity: Entity): unknown[] {
    return this.columns.map((column): unknown =>
      this.driver.preparePersistentValue(column.getEntityValue(entity), column),
    );
  }

  /** An entity from a row of {@link columnList}, with the driver's conversions. */
  fromRow(row: Readonly<Record<string, unknown>>): Entity {
    const entity: Record<string, unknown> = {};
    for (const column of this.columns) {
      entity[column.propertyName] = this.driver.prepareHydratedValue(
        row[column.databaseName],
        column,
      );
    }
    return entity as Entity;
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
