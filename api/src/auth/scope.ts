import type { EntityManager } from '@mikro-orm/postgresql';
import type { MessageCode } from '@cdvn/domain';
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';

import type { Footprint } from '../db/data-version';
import { appError, refusal } from '../shared/errors';
import { throughAny } from '../shared/sql';
import * as queries from './auth.queries';
import { type Permission, PERMISSIONS, permissionsOf, settingKey, WRITE_PERMISSIONS } from './permissions';
import { actorOf, grantsOf, type Viewer } from './viewer';

/** The units a permission was granted at (with the units they took over), or every unit. */
type Roots = 'all' | readonly number[];

export function forbidden(): GraphQLError {
  return appError('FORBIDDEN', 'You do not have access to this, or it does not exist.');
}

/**
 * The tenancy rule, in one place, sliced by date. A role held at unit U has as its roots U and the units U
 * took over (HY's officers read TB's history). Data about unit u as of date d is read when u stood under
 * a root on d (d is taken within u's life: a closed unit is read as it stood on its last day). Writing
 * also needs u to stand under a root today (or, closed, to have stood there on its last day), and grants
 * at closed units write nothing; accounts, role assignments and API keys are managed only at units that
 * stand under a root today. The ancestors of the units a viewer holds roles at are visible by code and
 * name only ("path units"). The same rule is enforced twice: here for the API's checks, and by
 * PostgreSQL's row-level security from the settings that `begin` writes into the request's transaction
 * (auth/tenancy.sql.ts).
 */
export class Scope {
  /** Trusted code on the owner's connection (start-up, demo data, scripts): everything. */
  static readonly SYSTEM = new Scope(
    null,
    new Map(PERMISSIONS.map((p) => [p, 'all' as const])),
    new Set(),
    '',
  );

  /** Before the request's transaction has begun: nothing. */
  static readonly NONE = new Scope(null, new Map(), new Set(), '');

  /**
   * The request's scope checks, whatever their permission, unit and date: those asked together (the
   * fields of a page) are answered by one statement.
   */
  private readonly checks = new DataLoader<queries.Check, boolean, string>(
    async (asked) => {
      const inside = await queries.unitsInScope(this.em!, asked);
      return asked.map((_, i) => inside.has(i));
    },
    { cacheKeyFn: (c) => `${c.lquery} ${c.date} ${c.writes} ${c.existingToday ?? ''} ${c.unitId}` },
  );

  private constructor(
    private readonly em: EntityManager | null,
    private readonly roots: ReadonlyMap<Permission, Roots>,
    readonly pathUnits: ReadonlySet<number>,
    /** Today in the application's time zone: the date of what is current. */
    readonly today: string,
    /** Permissions granted only at units that have closed (they write nothing). */
    private readonly closedOnly: ReadonlySet<Permission> = new Set(),
  ) {}

  /**
   * Opens the scope of a request inside `em`'s transaction: writes the transaction-local settings that
   * the row-level security policies read, and the actor and operation the audit log records.
   */
  static async begin(
    em: EntityManager,
    viewer: Viewer,
    operation: string | null,
    today: string,
  ): Promise<Scope> {
    const grants = Object.fromEntries(PERMISSIONS.map((p) => [settingKey(p), [] as number[]]));
    for (const grant of grantsOf(viewer)) {
      for (const permission of permissionsOf(grant.role)) {
        grants[settingKey(permission)].push(grant.unitId);
      }
    }
    const scope = await queries.beginRequest(em, actorOf(viewer), operation, grants, today);
    const roots = new Map<Permission, Roots>(
      PERMISSIONS.map((p) => {
        const value = scope[settingKey(p)];
        return [p, value === '*' ? 'all' : value];
      }),
    );
    const closedOnly = new Set(
      PERMISSIONS.filter((p) => grants[settingKey(p)].length > 0 && roots.get(p)?.length === 0),
    );
    return new Scope(em, roots, new Set(scope.path_units as number[]), today, closedOnly);
  }

  /**
   * What an answer computed in this scope may have read (the response cache keeps it while none of that
   * changes): the units under the roots of every permission, and what the roots and the path units hand
   * down. Trusted code and a request whose scope has not begun may have read anything.
   */
  footprint(): Footprint {
    const roots = [...this.roots.values()];
    if (!this.em || roots.includes('all')) {
      return { everything: true, roots: [], reach: [] };
    }
    const units = [...new Set(roots.flatMap((r) => r as readonly number[]))];
    return { everything: false, roots: units, reach: [...new Set([...units, ...this.pathUnits])] };
  }

  /** Whether the viewer holds the permission anywhere. */
  has(permission: Permission): boolean {
    const roots = this.roots.get(permission);
    return roots === 'all' || (roots !== undefined && roots.length > 0);
  }

  /** The error for a permission not held anywhere: it says so when the units it was granted at closed. */
  refusal(permission: Permission): Error {
    return this.closedOnly.has(permission)
      ? appError(
          'FORBIDDEN',
          'Your role is held at a unit that has closed: it reads that unit’s history and changes nothing.',
        )
      : forbidden();
  }

  /**
   * Whether the viewer holds the permission at the unit as of `date` (see the rule above): reads need the
   * unit under a root on that date; writes also need it standing under a root; account administration
   * needs the unit to stand under a root today.
   */
  async can(permission: Permission, unitId: number, date: string): Promise<boolean> {
    const roots = this.roots.get(permission);
    if (roots === 'all') {
      return true;
    }
    if (!roots || roots.length === 0 || !this.em) {
      return false;
    }
    const admin = permission === 'account:admin';
    return this.checks.load({
      unitId,
      lquery: throughAny(roots),
      date: admin ? this.today : date,
      writes: WRITE_PERMISSIONS.includes(permission),
      existingToday: admin ? this.today : null,
    });
  }

  async require(permission: Permission, unitId: number, date: string): Promise<void> {
    if (!(await this.can(permission, unitId, date))) {
      throw forbidden();
    }
  }

  /**
   * The error for something not found: a national viewer may learn that it does not exist; anyone else
   * gets the FORBIDDEN that a thing outside their scope gets, so that nothing tells the two apart.
   */
  missing(
    permission: Permission,
    code: MessageCode,
    params: Record<string, string | number> = {},
    field?: string,
  ): Error {
    return this.isNational(permission) ? refusal(code, params, field) : forbidden();
  }

  /** Whether the viewer's scope covers the whole country for this permission. */
  isNational(permission: Permission): boolean {
    return this.roots.get(permission) === 'all';
  }
}
