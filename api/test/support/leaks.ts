import {
  getNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';

/** The date the generated operations read, and the year of their figures. */
export interface ReadDate {
  asOf: string;
  year: number;
  /** Values for arguments, optional ones included (such as `basis: APPROVED`), over the defaults. */
  arguments?: Record<string, string>;
}

const DEFAULT_DATE: ReadDate = { asOf: '2022-12-31', year: 2022 };

/** Values for the required arguments of any field; a new required argument must be added here. */
function argumentValues({ asOf, year, arguments: given }: ReadDate): Record<string, string> {
  return {
    onTreeOf: `"${asOf}"`,
    asOf: `"${asOf}"`,
    code: '$code',
    unitCode: '$code',
    year: String(year),
    fromYear: String(year - 1),
    toYear: String(year),
    period: `"${year}"`,
    reason: '"leak test"',
    metric: 'MEMBERS',
    ...given,
  };
}

/** OrgUnit's fields that only tell who a unit is (readable for the ancestors of a viewer's units). */
export const IDENTITY_FIELDS = new Set([
  '__typename',
  'id',
  'code',
  'name',
  'kind',
  'validFrom',
  'validTo',
  'parent',
  'ancestors',
]);

/**
 * A selection of every field of a type, generated from the schema so that a new field cannot escape
 * the leak tests: objects to `depth` units deep, lists paged to 3, every unit with its code.
 */
export function selectAll(
  type: GraphQLObjectType,
  depth: number,
  skip: string[] = [],
  at: ReadDate = DEFAULT_DATE,
): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (skip.includes(`${type.name}.${field.name}`)) {
      continue;
    }
    const args: string[] = [];
    for (const arg of field.args) {
      if (arg.name === 'first') {
        args.push('first: 3');
      } else if (at.arguments?.[arg.name]) {
        args.push(`${arg.name}: ${at.arguments[arg.name]}`);
      } else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
        const value = argumentValues(at)[arg.name];
        if (!value) {
          throw new Error(`No test value for the required argument ${type.name}.${field.name}(${arg.name})`);
        }
        args.push(`${arg.name}: ${value}`);
      }
    }
    const call = `${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) {
      parts.push(call);
    } else if (isObjectType(named)) {
      if (named.name === 'OrgUnit') {
        // Units inside units: who they are. Their data is asked for when they are the unit asked about
        // (every seeded unit is); a refused non-null field of a nested ancestor would blank the answer.
        parts.push(`${call} { ${depth > 0 ? selectAll(named, depth - 1, skip, at) : NESTED_UNIT} }`);
      } else {
        parts.push(`${call} { ${selectAll(named, depth, skip, at)} }`);
      }
    }
  }
  return parts.join(' ');
}

/** One operation per field of Query, each selecting everything below it. */
export function rootOperations(
  schema: GraphQLSchema,
  skip: string[] = [],
  at: ReadDate = DEFAULT_DATE,
): Array<{ field: string; query: string; usesCode: boolean }> {
  const query = schema.getQueryType()!;
  return Object.values(query.getFields()).map((field) => {
    const single = selectField(query, field.name, skip, at);
    const usesCode = single.includes('$code');
    return {
      field: field.name,
      usesCode,
      query: `query${usesCode ? '($code: String!)' : ''} { ${single} }`,
    };
  });
}

function selectField(type: GraphQLObjectType, name: string, skip: string[], at: ReadDate): string {
  const field = type.getFields()[name];
  const args: string[] = [];
  for (const arg of field.args) {
    if (arg.name === 'asOf') {
      args.push(`asOf: "${at.asOf}"`);
    } else if (arg.name === 'first') {
      args.push('first: 3');
    } else if (at.arguments?.[arg.name]) {
      args.push(`${arg.name}: ${at.arguments[arg.name]}`);
    } else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      const value = argumentValues(at)[arg.name];
      if (!value) {
        throw new Error(`No test value for the required argument ${type.name}.${name}(${arg.name})`);
      }
      args.push(`${arg.name}: ${value}`);
    }
  }
  const named = getNamedType(field.type);
  const call = `${name}${args.length ? `(${args.join(', ')})` : ''}`;
  return isObjectType(named) ? `${call} { ${selectAll(named, 0, skip, at)} }` : call;
}

const NESTED_UNIT = '__typename id code name';

export interface UnitSighting {
  code: string;
  /** Whether any field beyond the unit's identity came back with a value. */
  withData: boolean;
}

/** Every unit in a response, and whether data beyond its identity came with it. */
export function unitsIn(value: unknown, found: UnitSighting[] = []): UnitSighting[] {
  if (Array.isArray(value)) {
    value.forEach((item) => unitsIn(item, found));
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.__typename === 'OrgUnit') {
      found.push({
        code: record.code as string,
        withData: Object.entries(record).some(
          ([key, v]) => !IDENTITY_FIELDS.has(key) && v !== null && v !== undefined,
        ),
      });
    }
    Object.values(record).forEach((item) => unitsIn(item, found));
  }
  return found;
}

/**
 * The oracle of the tenancy rule, written apart from the application's: `below(id, period)`, the periods
 * during which each unit stood under a root or a unit a root took over, walked down the parent links
 * with their periods (not the materialised paths, nor the columns the rule keeps). `roots` selects the
 * roots' ids; the statement goes on after it.
 */
export function slicesUnder(roots: string): string {
  return `with recursive roots(id) as (
       ${roots}
       union
       select s.predecessor_id from org_unit_succession s join roots r on s.successor_id = r.id
     ), below(id, period) as (
       select u.id, u.validity from org_unit u join roots r on r.id = u.id
       union
       select l.unit_id, b.period * l.period from org_unit_parent l join below b on l.parent_id = b.id and l.period && b.period
     )`;
}

const ROOTS_BY_CODE = 'select id from org_unit where code = any(?::text[])';

/** The units a viewer with roles at `codes` sees at some date, and their ancestors seen by name only. */
export async function expectedScope(
  orm: MikroORM,
  codes: string[],
): Promise<{ visible: Set<string>; path: Set<string> }> {
  const conn = orm.em.fork().getConnection();
  const visible = await conn.execute<Array<{ code: string }>>(
    `${slicesUnder(ROOTS_BY_CODE)}
     select distinct u.code from below b join org_unit u on u.id = b.id`,
    [`{${codes.join(',')}}`],
  );
  const above = await conn.execute<Array<{ code: string }>>(
    `with recursive roots(id) as (
       select id from org_unit where code = any(?::text[])
       union
       select s.predecessor_id from org_unit_succession s join roots r on s.successor_id = r.id
     ), up(id) as (
       select l.parent_id from org_unit_parent l join roots r on r.id = l.unit_id
       union
       select l.parent_id from org_unit_parent l join up on up.id = l.unit_id
     )
     select distinct u.code from up join org_unit u on u.id = up.id`,
    [`{${codes.join(',')}}`],
  );
  const visibleCodes = new Set(visible.map((row) => row.code));
  return {
    visible: visibleCodes,
    path: new Set(above.map((row) => row.code).filter((code) => !visibleCodes.has(code))),
  };
}

/**
 * The units whose data a viewer with roles at `codes` reads as of `date` (the rule sliced by date): those
 * under a root on that date, the date taken within the unit's life.
 */
export async function expectedScopeOn(orm: MikroORM, codes: string[], date: string): Promise<Set<string>> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<Array<{ code: string }>>(
      `${slicesUnder(ROOTS_BY_CODE)}
       select distinct u.code from below b join org_unit u on u.id = b.id
        where b.period @> least(greatest(?::date, u.valid_from), coalesce(u.valid_to, 'infinity'))`,
      [`{${codes.join(',')}}`, date],
    );
  return new Set(rows.map((row) => row.code));
}
