import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { appError, badUserInput } from '../shared/errors';
import { intArray, runPrepared, runSql, throughAny } from '../shared/sql';
import { type Permission, PERMISSIONS, permissionsOf, settingKey } from './permissions';
import { actorOf, grantsOf, type Viewer } from './viewer';

/** The units a permission was granted at (with the units they took over), or every unit. */
type Roots = 'all' | readonly number[];

export function forbidden(): Error {
  return appError('FORBIDDEN', 'You do not have access to this, or it does not exist.');
}

/**
 * The tenancy rule, in one place. A role held at unit U covers every unit that stood under U at any
 * date, and every unit under the units U took over (HY's officers see TB's history). The ancestors of
 * the units a viewer holds roles at are visible by code and name only ("path units"). The same rule is
 * enforced twice: here for the API's checks, and by PostgreSQL's row-level security from the settings
 * that `begin` writes into the request's transaction (see the accounts migration).
 */
export class Scope {
  /** Trusted code on the owner's connection (start-up, demo data, scripts): everything. */
  static readonly SYSTEM = new Scope(null, new Map(PERMISSIONS.map((p) => [p, 'all' as const])), new Set());

  /** Before the request's transaction has begun: nothing. */
  static readonly NONE = new Scope(null, new Map(), new Set());

  private readonly checks = new Map<Permission, DataLoader<number, boolean>>();

  private constructor(
    private readonly em: EntityManager | null,
    private readonly roots: ReadonlyMap<Permission, Roots>,
    readonly pathUnits: ReadonlySet<number>,
  ) {}

  /**
   * Opens the scope of a request inside `em`'s transaction: writes the transaction-local settings that
   * the row-level security policies read, and the actor and operation the audit log records.
   */
  static async begin(em: EntityManager, viewer: Viewer, operation: string | null): Promise<Scope> {
    const grants = Object.fromEntries(PERMISSIONS.map((p) => [settingKey(p), [] as number[]]));
    for (const grant of grantsOf(viewer)) {
      for (const permission of permissionsOf(grant.role)) {
        grants[settingKey(permission)].push(grant.unitId);
      }
    }
    const [row] = await runPrepared<{ scope: Record<string, number[] | '*'> }>(
      em,
      'auth.beginRequest',
      'select app_begin_request(?, ?, ?::jsonb) as scope',
      [actorOf(viewer), operation, JSON.stringify(grants)],
    );
    const roots = new Map<Permission, Roots>(
      PERMISSIONS.map((p) => {
        const value = row.scope[settingKey(p)];
        return [p, value === '*' ? 'all' : value];
      }),
    );
    return new Scope(em, roots, new Set(row.scope.path_units as number[]));
  }

  /** Whether the viewer holds the permission anywhere. */
  has(permission: Permission): boolean {
    const roots = this.roots.get(permission);
    return roots === 'all' || (roots !== undefined && roots.length > 0);
  }

  /** Whether the viewer holds the permission at the unit: whether the unit is in its subtrees. */
  async can(permission: Permission, unitId: number): Promise<boolean> {
    const roots = this.roots.get(permission);
    if (roots === 'all') {
      return true;
    }
    if (!roots || roots.length === 0 || !this.em) {
      return false;
    }
    return this.loader(permission, roots).load(unitId);
  }

  async require(permission: Permission, unitId: number): Promise<void> {
    if (!(await this.can(permission, unitId))) {
      throw forbidden();
    }
  }

  /**
   * The error for something not found: a national viewer may learn that it does not exist; anyone else
   * gets the FORBIDDEN that a thing outside their scope gets, so that nothing tells the two apart.
   */
  missing(permission: Permission, message: string, field?: string): Error {
    return this.isNational(permission) ? badUserInput(message, field) : forbidden();
  }

  /** Whether the viewer's scope covers the whole country for this permission. */
  isNational(permission: Permission): boolean {
    return this.roots.get(permission) === 'all';
  }

  /** One statement per batch of units, whatever the batch's size. */
  private loader(permission: Permission, roots: readonly number[]): DataLoader<number, boolean> {
    let loader = this.checks.get(permission);
    if (!loader) {
      const em = this.em!;
      const lquery = throughAny(roots);
      loader = new DataLoader(async (ids: readonly number[]) => {
        const rows = await runSql<{ unit_id: number }>(
          em,
          'auth.scopeCheck',
          'select distinct p.unit_id from org_unit_path p where p.unit_id = any(?::integer[]) and p.path ~ ?::lquery',
          [intArray(ids), lquery],
        );
        const inside = new Set(rows.map((r) => r.unit_id));
        return ids.map((id) => inside.has(id));
      });
      this.checks.set(permission, loader);
    }
    return loader;
  }
}
