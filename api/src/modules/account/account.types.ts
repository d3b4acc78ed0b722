import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

import { type Role, ROLES } from '../../auth/permissions';
import { DateScalar } from '../../graphql/scalars';
import { OrgUnitNode } from '../org-unit/org-unit.types';

/** The GraphQL enum of the roles of the permission catalogue (auth/permissions.ts). */
export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };
export type RoleEnum = Role;
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What an account or API key may do in the subtree of the unit it is assigned at.',
  valuesConfig: {
    ADMIN: { description: 'Accounts, structure and all data of the subtree.' },
    OFFICER: { description: 'Reads everything and records data in the subtree.' },
    VIEWER: { description: 'Reads everything of the subtree, members’ personal data included.' },
    ANALYST: { description: 'Reads rollups and non-personal records; never members’ personal data.' },
  },
});

export enum ViewerKind {
  ACCOUNT = 'ACCOUNT',
  API_KEY = 'API_KEY',
}
registerEnumType(ViewerKind, { name: 'ViewerKind' });

@ObjectType('Account', { description: 'A person who logs in.' })
export class AccountNode {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field({
    description: 'A disabled account cannot log in; its sessions and the API keys it issued stop working.',
  })
  disabled!: boolean;
}

@ObjectType('RoleAssignment', { description: 'A role held at a unit; it covers the unit’s subtree.' })
export class RoleAssignmentNode {
  @Field(() => RoleEnum)
  role!: RoleEnum;

  @Field(() => OrgUnitNode)
  unit!: OrgUnitNode;

  @Field(() => AccountNode, { nullable: true, description: 'Null for an API key.' })
  account!: AccountNode | null;
}

@ObjectType('ApiKey', { description: 'A read-only key for an external tool, for one unit’s subtree.' })
export class ApiKeyNode {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The start of the key, to recognise it; the key itself is never shown again.' })
  prefix!: string;

  @Field()
  name!: string;

  @Field(() => RoleEnum)
  role!: RoleEnum;

  @Field(() => OrgUnitNode)
  unit!: OrgUnitNode;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Recorded to the minute.' })
  lastUsedAt!: Date | null;

  @Field(() => Float, {
    description: 'Requests made with the key, recorded with its last use (to the minute).',
  })
  requestCount!: number;
}

@ObjectType('Viewer', { description: 'Who is asking, and where they may act.' })
export class ViewerNode {
  @Field(() => ViewerKind)
  kind!: ViewerKind;

  @Field(() => AccountNode, { nullable: true })
  account!: AccountNode | null;

  @Field(() => ApiKeyNode, { nullable: true })
  apiKey!: ApiKeyNode | null;

  @Field(() => [RoleAssignmentNode], { description: 'The roles held, each with the unit it covers.' })
  roles!: RoleAssignmentNode[];

  @Field({
    description: 'An account that must set its own password first (its roles are held back until then).',
  })
  mustChangePassword!: boolean;
}

@ObjectType({ description: 'A bearer token: send it as `Authorization: Bearer <token>`.' })
export class LoginPayload {
  @Field()
  token!: string;

  @Field(() => DateTimeResolver)
  expiresAt!: Date;

  @Field({
    description:
      'The password was set by an administrator: the session holds no role until changePassword sets the person’s own.',
  })
  mustChangePassword!: boolean;
}

@ObjectType({ description: 'A new API key: `key` is shown this once.' })
export class CreateApiKeyPayload {
  @Field()
  key!: string;

  @Field(() => ApiKeyNode)
  apiKey!: ApiKeyNode;
}

@InputType()
export class CreateAccountInput {
  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'At least 10 characters.' })
  password!: string;

  @Field({ description: 'The unit whose subtree the first role covers.' })
  unitCode!: string;

  @Field(() => RoleEnum)
  role!: RoleEnum;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  unitCode!: string;

  @Field(() => RoleEnum, { description: 'VIEWER or ANALYST: keys only read.' })
  role!: RoleEnum;

  @Field({ description: 'The tool that uses it.' })
  name!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the key works.' })
  expiresOn?: string | null;
}
