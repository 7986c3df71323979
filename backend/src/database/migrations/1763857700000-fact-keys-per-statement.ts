import { MigrationInterface, QueryRunner } from 'typeorm';

/** A reference of a fact table to the row it belongs to, as a foreign key would state it. */
interface FactKey {
  name: string;
  fact: 'purchased_hours' | 'own_staff_costs';
  columns: string[];
  table: 'units' | 'suppliers' | 'orders' | 'areas' | 'imports';
  refColumns: string[];
}

/** A fact's reference to a row of its own region, by the row's id and the region. */
const inRegion = (fact: FactKey['fact'], name: string, column: string, table: FactKey['table']): FactKey => ({
  name,
  fact,
  columns: [column, 'region_id'],
  table,
  refColumns: ['id', 'region_id'],
});

/** A fact's reference to the import that wrote it. */
const byImport = (fact: FactKey['fact']): FactKey => ({
  name: `${fact}_import_id_fkey`,
  fact,
  columns: ['import_id'],
  table: 'imports',
  refColumns: ['id'],
});

/** The fact tables' references; the names are those of the foreign keys they replace. */
const FACT_KEYS: readonly FactKey[] = [
  inRegion('purchased_hours', 'purchased_hours_unit_fkey', 'unit_id', 'units'),
  inRegion('purchased_hours', 'purchased_hours_supplier_fkey', 'supplier_id', 'suppliers'),
  inRegion('purchased_hours', 'purchased_hours_order_fkey', 'order_id', 'orders'),
  byImport('purchased_hours'),
  inRegion('own_staff_costs', 'own_staff_costs_area_fkey', 'area_id', 'areas'),
  byImport('own_staff_costs'),
];

/** Trigger arguments: the keys' fields, four at a time. */
function argumentsOf(keys: readonly FactKey[], fields: (k: FactKey) => string[]): string {
  return keys
    .flatMap(fields)
    .map((a) => `'${a}'`)
    .join(', ');
}

/**
 * The fact tables' references are checked once per statement instead of once per row (decision
 * 016). A foreign key checks every written row on its own, about 7 µs a key; an import of a
 * million rows spent most of its time there. The rule is the same, and so are the locks:
 *
 * - after each INSERT or UPDATE of facts, `check_fact_keys` takes the distinct keys of the
 *   written rows, locks the rows they name FOR KEY SHARE (as a foreign key does) and refuses
 *   the statement with 23503, naming the key, if one is not there (MATCH SIMPLE: a key with a
 *   null column names nothing);
 * - a DELETE of a referenced row, a change of its key, or a TRUNCATE of its table, is refused
 *   while a fact refers to it (`check_fact_references`). It runs at READ COMMITTED only: a later
 *   snapshot there sees the facts of an import that committed while the delete waited for its
 *   lock, where a foreign key reads with a snapshot of its own.
 */
export class FactKeysPerStatement1763857700000 implements MigrationInterface {
  name = 'FactKeysPerStatement1763857700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION check_fact_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        i int := 0;
        key_name text;
        cols text[];
        ref_table text;
        ref_cols text[];
        col_list text;
        not_null text;
        matched text;
        keys bigint;
        locked bigint;
        missing text;
      BEGIN
        -- arguments, four for each key: its name, the fact's columns, the table and its columns
        WHILE i < TG_NARGS LOOP
          key_name := TG_ARGV[i];
          cols := string_to_array(TG_ARGV[i + 1], ',');
          ref_table := TG_ARGV[i + 2];
          ref_cols := string_to_array(TG_ARGV[i + 3], ',');
          SELECT string_agg(format('%I', c), ', '), string_agg(format('%I IS NOT NULL', c), ' AND ')
            INTO col_list, not_null FROM unnest(cols) c;
          SELECT string_agg(format('r.%I = k.%I', ref_cols[n], cols[n]), ' AND ')
            INTO matched FROM generate_subscripts(cols, 1) n;
          EXECUTE format(
            'WITH k AS MATERIALIZED (SELECT DISTINCT %s FROM written WHERE %s),
                  l AS MATERIALIZED (SELECT 1 FROM %I r JOIN k ON %s FOR KEY SHARE OF r)
             SELECT (SELECT count(*) FROM k), (SELECT count(*) FROM l)',
            col_list, not_null, ref_table, matched) INTO keys, locked;
          IF locked < keys THEN
            EXECUTE format(
              'SELECT concat_ws('', '', %1$s) FROM (SELECT DISTINCT %1$s FROM written WHERE %2$s) k
                WHERE NOT EXISTS (SELECT 1 FROM %3$I r WHERE %4$s) LIMIT 1',
              col_list, not_null, ref_table, matched) INTO missing;
            RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, key_name
              USING ERRCODE = 'foreign_key_violation', CONSTRAINT = key_name, TABLE = TG_TABLE_NAME,
                    SCHEMA = TG_TABLE_SCHEMA,
                    DETAIL = format('Key (%s)=(%s) is not present in table "%s".', col_list, missing, ref_table);
          END IF;
          i := i + 4;
        END LOOP;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION check_fact_references() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        i int := 0;
        fact text;
        key_name text;
        cols text[];
        ref_cols text[];
        matched text;
        ref_list text;
        referenced text;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'rows of "%" that facts may refer to are deleted, re-keyed or truncated only at READ COMMITTED', TG_TABLE_NAME
            USING ERRCODE = 'invalid_transaction_state';
        END IF;
        -- arguments, four for each key: the fact table, the key's name, its columns, the referenced columns
        WHILE i < TG_NARGS LOOP
          fact := TG_ARGV[i];
          key_name := TG_ARGV[i + 1];
          cols := string_to_array(TG_ARGV[i + 2], ',');
          ref_cols := string_to_array(TG_ARGV[i + 3], ',');
          SELECT string_agg(format('f.%I = r.%I', cols[n], ref_cols[n]), ' AND ')
            INTO matched FROM generate_subscripts(cols, 1) n;
          SELECT string_agg(format('r.%I', c), ', ') INTO ref_list FROM unnest(ref_cols) c;
          IF TG_OP = 'TRUNCATE' THEN
            EXECUTE format('SELECT ''any'' FROM %I LIMIT 1', fact) INTO referenced;
          ELSIF TG_LEVEL = 'ROW' THEN
            EXECUTE format('SELECT concat_ws('', '', %s) FROM (SELECT ($1).*) r WHERE EXISTS (SELECT 1 FROM %I f WHERE %s)',
              ref_list, fact, matched)
              INTO referenced USING OLD;
          ELSE
            EXECUTE format('SELECT concat_ws('', '', %s) FROM removed r WHERE EXISTS (SELECT 1 FROM %I f WHERE %s) LIMIT 1',
              ref_list, fact, matched)
              INTO referenced;
          END IF;
          IF referenced IS NOT NULL THEN
            RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"', TG_TABLE_NAME, key_name, fact
              USING ERRCODE = 'foreign_key_violation', CONSTRAINT = key_name, TABLE = TG_TABLE_NAME,
                    SCHEMA = TG_TABLE_SCHEMA,
                    DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".',
                                    array_to_string(ref_cols, ', '), referenced, fact);
          END IF;
          i := i + 4;
        END LOOP;
        RETURN NULL;
      END
      $fn$`);

    for (const fact of ['purchased_hours', 'own_staff_costs'] as const) {
      const keys = FACT_KEYS.filter((k) => k.fact === fact);
      await q.query(`ALTER TABLE ${fact} ${keys.map((k) => `DROP CONSTRAINT ${k.name}`).join(', ')}`);
      const args = argumentsOf(keys, (k) => [k.name, k.columns.join(','), k.table, k.refColumns.join(',')]);
      // transition tables allow one event a trigger
      for (const event of ['INSERT', 'UPDATE']) {
        await q.query(`
          CREATE TRIGGER ${fact}_keys_on_${event.toLowerCase()} AFTER ${event} ON ${fact}
            REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION check_fact_keys(${args})`);
      }
    }
    for (const table of [...new Set(FACT_KEYS.map((k) => k.table))]) {
      const keys = FACT_KEYS.filter((k) => k.table === table);
      const args = argumentsOf(keys, (k) => [k.fact, k.name, k.columns.join(','), k.refColumns.join(',')]);
      const refColumns = [...new Set(keys.flatMap((k) => k.refColumns))];
      const changed = refColumns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
      await q.query(`
        CREATE TRIGGER ${table}_fact_references_on_delete AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION check_fact_references(${args})`);
      await q.query(`
        CREATE TRIGGER ${table}_fact_references_on_rekey AFTER UPDATE OF ${refColumns.join(', ')} ON ${table}
          FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION check_fact_references(${args})`);
      await q.query(`
        CREATE TRIGGER ${table}_fact_references_on_truncate AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION check_fact_references(${args})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...new Set(FACT_KEYS.map((k) => k.table))]) {
      for (const event of ['delete', 'rekey', 'truncate']) {
        await q.query(`DROP TRIGGER ${table}_fact_references_on_${event} ON ${table}`);
      }
    }
    for (const fact of ['purchased_hours', 'own_staff_costs'] as const) {
      await q.query(`DROP TRIGGER ${fact}_keys_on_insert ON ${fact}`);
      await q.query(`DROP TRIGGER ${fact}_keys_on_update ON ${fact}`);
    }
    await q.query('DROP FUNCTION check_fact_references()');
    await q.query('DROP FUNCTION check_fact_keys()');
    for (const k of FACT_KEYS) {
      await q.query(
        `ALTER TABLE ${k.fact} ADD CONSTRAINT ${k.name} FOREIGN KEY (${k.columns.join(', ')})
           REFERENCES ${k.table} (${k.refColumns.join(', ')}) ON DELETE RESTRICT`,
      );
    }
  }
}
