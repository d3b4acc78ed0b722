import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { refusal } from '../../shared/errors';
import { fromGlobalId, toGlobalId } from '../../shared/ids';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { Account, ApiKey } from './account.entity';
import {
  apiKeysUnder,
  assignRole,
  changePassword,
  createAccount,
  createApiKey,
  login,
  logout,
  revokeApiKey,
  revokeRole,
  revokeSessions,
  resetPassword,
  roleAssignmentsUnder,
  setAccountDisabled,
} from './account.service';
import {
  AccountNode,
  ApiKeyNode,
  CreateAccountInput,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  LoginPayload,
  RoleAssignmentNode,
  RoleEnum,
  ViewerKind,
  ViewerNode,
} from './account.types';

async function unitNode(ctx: Context, unitId: number): Promise<OrgUnitNode> {
  const record = await ctx.loaders.orgUnit.unitById.load(unitId);
  return OrgUnitNode.of(record!, ctx.today);
}

function accountNode(account: {
  id: number;
  email: string;
  displayName: string;
  disabledAt?: Date | null;
}): AccountNode {
  return Object.assign(new AccountNode(), {
    id: toGlobalId('Account', account.id),
    email: account.email,
    displayName: account.displayName,
    disabled: Boolean(account.disabledAt),
  });
}

async function apiKeyNode(ctx: Context, key: ApiKey): Promise<ApiKeyNode> {
  return Object.assign(new ApiKeyNode(), {
    id: toGlobalId('ApiKey', key.id),
    prefix: key.prefix,
    name: key.name,
    role: key.role,
    unit: await unitNode(ctx, key.unit.id),
    createdAt: key.createdAt!,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
    requestCount: Number(key.requestCount),
  });
}

function parseId(id: string, type: string, field: string): number {
  const parsed = fromGlobalId(id);
  if (!parsed || parsed.type !== type) {
    throw refusal('ID_NOT_OF_TYPE', { type }, field);
  }
  return parsed.id;
}

@Resolver()
export class AccountResolver {
  @Query(() => ViewerNode, { nullable: true, description: 'Who is asking; null without credentials.' })
  async viewer(@Ctx() ctx: Context): Promise<ViewerNode | null> {
    const viewer = ctx.viewer;
    if (viewer.kind !== 'account' && viewer.kind !== 'apiKey') {
      return null;
    }
    const account = viewer.kind === 'account' ? accountNode({ id: viewer.accountId, ...viewer }) : null;
    const roles = await Promise.all(
      viewer.grants.map(async (grant) =>
        Object.assign(new RoleAssignmentNode(), {
          role: grant.role,
          unit: await unitNode(ctx, grant.unitId),
          account,
        }),
      ),
    );
    const apiKey =
      viewer.kind === 'apiKey'
        ? Object.assign(new ApiKeyNode(), {
            id: toGlobalId('ApiKey', viewer.apiKeyId),
            prefix: viewer.prefix,
            name: viewer.name,
            role: viewer.grants[0].role,
            unit: roles[0].unit,
          })
        : null;
    return Object.assign(new ViewerNode(), {
      kind: viewer.kind === 'account' ? ViewerKind.ACCOUNT : ViewerKind.API_KEY,
      account,
      apiKey,
      roles,
      mustChangePassword: viewer.kind === 'account' && viewer.mustChangePassword,
    });
  }

  @Query(() => [ApiKeyNode], { description: 'The API keys of a unit’s subtree, revoked ones included.' })
  async apiKeys(@Arg('unitCode') unitCode: string, @Ctx() ctx: Context): Promise<ApiKeyNode[]> {
    const keys = await apiKeysUnder(ctx.em, ctx.scope, unitCode);
    return Promise.all(keys.map((key) => apiKeyNode(ctx, key)));
  }

  @Query(() => [RoleAssignmentNode], { description: 'Who holds which role in a unit’s subtree.' })
  async roleAssignments(
    @Arg('unitCode') unitCode: string,
    @Ctx() ctx: Context,
  ): Promise<RoleAssignmentNode[]> {
    const assignments = await roleAssignmentsUnder(ctx.em, ctx.scope, unitCode);
    return Promise.all(
      assignments.map(async (assignment) =>
        Object.assign(new RoleAssignmentNode(), {
          role: assignment.role,
          unit: await unitNode(ctx, assignment.unit.id),
          account: accountNode(assignment.account as Account),
        }),
      ),
    );
  }

  @Mutation(() => LoginPayload, {
    description: 'Exchanges an email and password for a bearer token. Failed attempts are throttled.',
  })
  async login(
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    const result = await login(ctx.em, ctx.auth, { email, password, address: ctx.address });
    return Object.assign(new LoginPayload(), result);
  }

  @Mutation(() => Boolean, { description: 'Ends the session of the token sent with this request.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    await logout(ctx.em, ctx.viewer);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Changes the password and ends every other session.' })
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await changePassword(ctx.em, ctx.viewer, currentPassword, newPassword, {
      throttle: ctx.auth.throttle,
      address: ctx.address,
    });
    return true;
  }

  @Mutation(() => Int, {
    description:
      'Ends every session of an account (default: the viewer’s own); returns how many were open. An ADMIN may end those of accounts within the subtree.',
  })
  async revokeSessions(
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null,
    @Ctx() ctx: Context,
  ): Promise<number> {
    const id = accountId ? parseId(accountId, 'Account', 'accountId') : null;
    return revokeSessions(ctx.em, ctx.scope, ctx.viewer, id);
  }

  @Mutation(() => AccountNode, {
    description:
      'Gives an account whose every role lies within your subtrees a password you choose (at least 10 characters), for a colleague who forgot theirs: its sessions end, and after its next login it holds no role until the person sets their own with changePassword.',
  })
  async resetPassword(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('temporaryPassword') temporaryPassword: string,
    @Ctx() ctx: Context,
  ): Promise<AccountNode> {
    const id = parseId(accountId, 'Account', 'accountId');
    return accountNode(await resetPassword(ctx.em, ctx.scope, ctx.viewer, id, temporaryPassword));
  }

  @Mutation(() => AccountNode, {
    description:
      'Disables an account whose every role lies within your subtrees (its sessions end and the API keys it issued stop working at once), or enables it again.',
  })
  async setAccountDisabled(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('disabled') disabled: boolean,
    @Ctx() ctx: Context,
  ): Promise<AccountNode> {
    const id = parseId(accountId, 'Account', 'accountId');
    return accountNode(await setAccountDisabled(ctx.em, ctx.scope, ctx.viewer, id, disabled));
  }

  @Mutation(() => AccountNode, { description: 'Creates an account with a role at a unit you administer.' })
  async createAccount(
    @Arg('input', () => CreateAccountInput) input: CreateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<AccountNode> {
    return accountNode(await createAccount(ctx.em, ctx.scope, input));
  }

  @Mutation(() => RoleAssignmentNode, { description: 'Gives an account a role at a unit you administer.' })
  async assignRole(
    @Arg('email') email: string,
    @Arg('unitCode') unitCode: string,
    @Arg('role', () => RoleEnum) role: RoleEnum,
    @Ctx() ctx: Context,
  ): Promise<RoleAssignmentNode> {
    const assignment = await assignRole(ctx.em, ctx.scope, email, unitCode, role);
    return Object.assign(new RoleAssignmentNode(), {
      role,
      unit: await unitNode(ctx, assignment.unit.id),
      account: accountNode(assignment.account as Account),
    });
  }

  @Mutation(() => Boolean, { description: 'Takes a role away; false when the account did not hold it.' })
  async revokeRole(
    @Arg('email') email: string,
    @Arg('unitCode') unitCode: string,
    @Arg('role', () => RoleEnum) role: RoleEnum,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return revokeRole(ctx.em, ctx.scope, email, unitCode, role);
  }

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Creates a read-only API key for a unit you administer; the key is shown only here.',
  })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: Context,
  ): Promise<CreateApiKeyPayload> {
    const { key, apiKey } = await createApiKey(ctx.em, ctx.scope, ctx.viewer, input, ctx.today);
    return Object.assign(new CreateApiKeyPayload(), { key, apiKey: await apiKeyNode(ctx, apiKey) });
  }

  @Mutation(() => ApiKeyNode, { description: 'Revokes an API key at once.' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKeyNode> {
    const key = await revokeApiKey(ctx.em, ctx.scope, parseId(id, 'ApiKey', 'id'));
    return apiKeyNode(ctx, key);
  }
}
