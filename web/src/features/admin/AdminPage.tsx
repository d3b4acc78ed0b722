import { useState } from 'react';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { vi } from '../../app/locales/vi';
import { DateInput } from '../../components/DateInput';
import type { Column } from '../../components/DataTable';
import { DataTable } from '../../components/DataTable';
import { Field, TextField } from '../../components/Field';
import { formatCount, formatMoment } from '../../components/format';
import { PagedTable } from '../../components/PagedTable';
import { Problem } from '../../components/Problem';
import { Refusals } from '../../components/Refusals';
import { usePages } from '../../components/usePages';
import { useWrite } from '../../components/useWrite';
import {
  AdminAccountsDocument,
  type AdminAccountsQuery,
  AssignRoleDocument,
  AuditLogDocument,
  type AuditLogQuery,
  CreateAccountDocument,
  CreateApiKeyDocument,
  ResetPasswordDocument,
  RevokeApiKeyDocument,
  RevokeRoleDocument,
  RevokeSessionsDocument,
  type Role,
  SetAccountDisabledDocument,
  UnitApiKeysDocument,
  type UnitApiKeysQuery,
} from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { useViewer } from '../session/viewer';
import { FormShell, given } from '../records/FormShell';
import { FormToggle } from '../records/FormToggle';
import { PlanSection } from './PlanSection';
import { StructureSection } from './StructureSection';

const ROLES: readonly Role[] = ['ADMIN', 'OFFICER', 'VIEWER', 'ANALYST'];

/**
 * The types a list shows even while it is empty: urql's document cache then reads it again after a write
 * that returns one (a first key, a first account), which it could not know from an empty answer.
 */
const ACCOUNTS = { additionalTypenames: ['Account', 'RoleAssignment'] };
const KEYS = { additionalTypenames: ['ApiKey'] };
const KEY_ROLES: readonly Role[] = ['VIEWER', 'ANALYST'];

/** The role a form gives, each named in the reader's language. */
function RoleField(props: {
  roles: readonly Role[];
  value: Role;
  onChange: (role: Role) => void;
  error?: string;
}) {
  const { t } = useLocale();
  return (
    <Field label={t('admin.roleLabel')} error={props.error} required>
      {(field) => (
        <select
          {...field}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value as Role)}
        >
          {props.roles.map((role) => (
            <option key={role} value={role}>
              {t(`admin.role.${role}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function AccountForm({ unitCode, onDone }: { unitCode: string; onDone: () => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(CreateAccountDocument);
  const [input, setInput] = useState({
    email: '',
    displayName: '',
    password: '',
    unitCode,
    role: 'OFFICER' as Role,
  });
  const set = (key: keyof typeof input) => (value: string) => setInput({ ...input, [key]: value });
  const submit = async () => {
    if (await write({ input })) {
      onDone();
    }
  };
  return (
    <FormShell title={t('admin.createAccount')} state={state} onSubmit={submit} onCancel={onDone}>
      <TextField
        label={t('admin.email')}
        error={state.fields.email}
        type="email"
        value={input.email}
        onChange={set('email')}
      />
      <TextField
        label={t('admin.displayName')}
        error={state.fields.displayName}
        value={input.displayName}
        onChange={set('displayName')}
      />
      <TextField
        label={t('admin.password')}
        error={state.fields.password}
        type="password"
        autoComplete="new-password"
        value={input.password}
        onChange={set('password')}
      />
      <TextField
        label={t('admin.unitCode')}
        error={state.fields.unitCode}
        value={input.unitCode}
        onChange={set('unitCode')}
      />
      <RoleField
        roles={ROLES}
        error={state.fields.role}
        value={input.role}
        onChange={(role) => setInput({ ...input, role })}
      />
    </FormShell>
  );
}

function GrantForm({ unitCode, onDone }: { unitCode: string; onDone: () => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(AssignRoleDocument);
  const [input, setInput] = useState({ email: '', unitCode, role: 'VIEWER' as Role });
  const submit = async () => {
    if (await write({ ...input, email: input.email.trim() })) {
      onDone();
    }
  };
  return (
    <FormShell title={t('admin.grantRole')} state={state} onSubmit={submit} onCancel={onDone}>
      <TextField
        label={t('admin.email')}
        error={state.fields.email}
        type="email"
        value={input.email}
        onChange={(email) => setInput({ ...input, email })}
      />
      <TextField
        label={t('admin.unitCode')}
        error={state.fields.unitCode}
        value={input.unitCode}
        onChange={(code) => setInput({ ...input, unitCode: code })}
      />
      <RoleField
        roles={ROLES}
        error={state.fields.role}
        value={input.role}
        onChange={(role) => setInput({ ...input, role })}
      />
    </FormShell>
  );
}

/** A password for a colleague who forgot theirs: they log in with it once and must then set their own. */
function ResetPasswordForm({ account, onDone }: { account: AccountRow['account']; onDone: () => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(ResetPasswordDocument);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const submit = async () => {
    if (await write({ accountId: account.id, temporaryPassword: password })) {
      setDone(true);
    }
  };
  if (done) {
    return (
      <p role="status">
        {t('admin.passwordReset', { email: account.email })}{' '}
        <button type="button" onClick={onDone}>
          {t('admin.close')}
        </button>
      </p>
    );
  }
  return (
    <FormShell
      title={t('admin.resetPasswordOf', { email: account.email })}
      state={state}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field
        label={t('admin.temporaryPassword')}
        error={state.fields.temporaryPassword ?? state.fields.accountId}
        required
      >
        {(props) => (
          <input
            {...props}
            type="text"
            autoComplete="off"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
    </FormShell>
  );
}

type Assignment = AdminAccountsQuery['roleAssignments'][number];
interface AccountRow {
  account: NonNullable<Assignment['account']>;
  roles: Assignment[];
}

/** The accounts that hold roles in the subtree, each once with its roles; creating, granting, disabling. */
function AccountsSection({ unitCode }: { unitCode: string }) {
  const { t } = useLocale();
  const viewer = useViewer();
  const [{ data, error }] = useQuery({
    query: AdminAccountsDocument,
    variables: { unitCode },
    context: ACCOUNTS,
  });
  const [revokeState, revokeRole] = useWrite(RevokeRoleDocument);
  const [disableState, setDisabled] = useWrite(SetAccountDisabledDocument);
  const [sessionsState, revokeSessions] = useWrite(RevokeSessionsDocument);
  const [ended, setEnded] = useState<string | null>(null);
  const [resetting, setResetting] = useState<AccountRow['account'] | null>(null);
  const rows = new Map<string, AccountRow>();
  for (const assignment of data?.roleAssignments ?? []) {
    if (assignment.account) {
      const row = rows.get(assignment.account.id) ?? { account: assignment.account, roles: [] };
      row.roles.push(assignment);
      rows.set(assignment.account.id, row);
    }
  }
  const roleText = (a: Assignment) => `${t(`admin.role.${a.role}`)} · ${a.unit.name} (${a.unit.code})`;
  const columns: Column<AccountRow>[] = [
    { header: t('admin.displayName'), value: (r) => r.account.displayName },
    { header: t('admin.email'), value: (r) => r.account.email },
    {
      header: t('admin.roles'),
      value: (r) => r.roles.map(roleText).join('; '),
      render: (r) => (
        <ul className="plain">
          {r.roles.map((a) => (
            <li key={`${a.role}/${a.unit.code}`}>
              {roleText(a)}{' '}
              <button
                type="button"
                aria-label={t('admin.revokeRoleOf', {
                  role: t(`admin.role.${a.role}`),
                  email: r.account.email,
                  unit: a.unit.code,
                })}
                onClick={() =>
                  void revokeRole({ email: r.account.email, unitCode: a.unit.code, role: a.role })
                }
              >
                {t('admin.revokeRole')}
              </button>
            </li>
          ))}
        </ul>
      ),
    },
    {
      header: t('admin.state'),
      value: (r) => t(r.account.disabled ? 'admin.disabled' : 'admin.active'),
    },
    {
      header: t('admin.actions'),
      value: () => null,
      render: (r) =>
        r.account.email === viewer.account?.email ? (
          t('admin.yourAccount')
        ) : (
          <>
            <button
              type="button"
              aria-label={`${t(r.account.disabled ? 'admin.enable' : 'admin.disable')} ${r.account.email}`}
              onClick={() => void setDisabled({ accountId: r.account.id, disabled: !r.account.disabled })}
            >
              {t(r.account.disabled ? 'admin.enable' : 'admin.disable')}
            </button>{' '}
            <button
              type="button"
              aria-label={`${t('admin.endSessions')} ${r.account.email}`}
              onClick={async () => {
                const result = await revokeSessions({ accountId: r.account.id });
                if (result) {
                  setEnded(t('admin.sessionsEnded', { n: result.revokeSessions, email: r.account.email }));
                }
              }}
            >
              {t('admin.endSessions')}
            </button>{' '}
            <button
              type="button"
              aria-label={`${t('admin.resetPassword')} ${r.account.email}`}
              onClick={() => setResetting(r.account)}
            >
              {t('admin.resetPassword')}
            </button>
          </>
        ),
    },
  ];
  return (
    <section aria-labelledby="admin-accounts-heading">
      <h3 id="admin-accounts-heading">{t('admin.accounts')}</h3>
      <div className="actions">
        <FormToggle
          allowed
          label={t('admin.createAccount')}
          form={(close) => <AccountForm unitCode={unitCode} onDone={close} />}
        />
        <FormToggle
          allowed
          label={t('admin.grantRole')}
          form={(close) => <GrantForm unitCode={unitCode} onDone={close} />}
        />
      </div>
      <Refusals state={revokeState} />
      <Refusals state={disableState} />
      <Refusals state={sessionsState} />
      {ended && <p role="status">{ended}</p>}
      {resetting && (
        <ResetPasswordForm key={resetting.id} account={resetting} onDone={() => setResetting(null)} />
      )}
      {error && <Problem error={error} />}
      {data && (
        <DataTable
          caption={t('admin.accountsOf', { unit: unitCode })}
          columns={columns}
          rows={[...rows.values()]}
          rowKey={(r) => r.account.id}
          fileName={`${unitCode} ${t('admin.accounts')}`}
        />
      )}
      <details>
        <summary>{t('admin.rolesExplained')}</summary>
        <dl>
          {ROLES.map((role) => (
            <div key={role}>
              <dt>{t(`admin.role.${role}`)}</dt>
              <dd>{t(`admin.roleMay.${role}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

function ApiKeyForm({ unitCode, onCreated }: { unitCode: string; onCreated: (key: string) => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(CreateApiKeyDocument);
  const [input, setInput] = useState({ name: '', unitCode, role: 'ANALYST' as Role, expiresOn: '' });
  const set = (key: 'name' | 'unitCode' | 'expiresOn') => (value: string) =>
    setInput({ ...input, [key]: value });
  const submit = async () => {
    const created = await write({ input: { ...input, expiresOn: given(input.expiresOn) } });
    if (created) {
      onCreated(created.createApiKey.key);
    }
  };
  return (
    <FormShell title={t('admin.createKey')} state={state} onSubmit={submit} onCancel={() => onCreated('')}>
      <TextField
        label={t('admin.keyName')}
        error={state.fields.name}
        value={input.name}
        onChange={set('name')}
      />
      <TextField
        label={t('admin.unitCode')}
        error={state.fields.unitCode}
        value={input.unitCode}
        onChange={set('unitCode')}
      />
      <RoleField
        roles={KEY_ROLES}
        error={state.fields.role}
        value={input.role}
        onChange={(role) => setInput({ ...input, role })}
      />
      <TextField
        label={t('admin.expiresOn')}
        error={state.fields.expiresOn}
        type="date"
        required={false}
        value={input.expiresOn}
        onChange={set('expiresOn')}
      />
    </FormShell>
  );
}

type ApiKey = UnitApiKeysQuery['apiKeys'][number];

/** The subtree's API keys: issuing one (shown once), their last use, revoking. */
function ApiKeysSection({ unitCode }: { unitCode: string }) {
  const { t, locale } = useLocale();
  const [{ data, error }] = useQuery({ query: UnitApiKeysDocument, variables: { unitCode }, context: KEYS });
  const [revokeState, revoke] = useWrite(RevokeApiKeyDocument);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const stateOf = (k: ApiKey) =>
    k.revokedAt
      ? t('admin.revoked')
      : k.expiresAt && Date.parse(k.expiresAt) <= Date.now()
        ? t('admin.expired')
        : t('admin.active');
  const columns: Column<ApiKey>[] = [
    { header: t('admin.keyName'), value: (k) => k.name },
    { header: t('admin.prefix'), value: (k) => k.prefix },
    { header: t('admin.roleLabel'), value: (k) => t(`admin.role.${k.role}`) },
    { header: t('admin.unit'), value: (k) => `${k.unit.name} (${k.unit.code})` },
    { header: t('admin.createdAt'), value: (k) => formatMoment(k.createdAt) },
    { header: t('admin.expiresOn'), value: (k) => formatMoment(k.expiresAt) },
    { header: t('admin.lastUsed'), value: (k) => formatMoment(k.lastUsedAt) || t('admin.never') },
    {
      header: t('admin.requests'),
      value: (k) => k.requestCount,
      render: (k) => formatCount(locale, k.requestCount),
      numeric: true,
    },
    { header: t('admin.state'), value: stateOf },
    {
      header: t('admin.actions'),
      value: () => null,
      render: (k) =>
        k.revokedAt ? null : (
          <button
            type="button"
            aria-label={`${t('admin.revokeKey')} ${k.name}`}
            onClick={() => void revoke({ id: k.id })}
          >
            {t('admin.revokeKey')}
          </button>
        ),
    },
  ];
  return (
    <section aria-labelledby="admin-keys-heading">
      <h3 id="admin-keys-heading">{t('admin.keys')}</h3>
      {creating ? (
        <ApiKeyForm
          unitCode={unitCode}
          onCreated={(key) => {
            setCreating(false);
            setShown(key || null);
          }}
        />
      ) : (
        <button type="button" onClick={() => setCreating(true)}>
          {t('admin.createKey')}
        </button>
      )}
      {shown && (
        <div role="status" className="new-key">
          <p>{t('admin.keyShownOnce')}</p>
          <output aria-label={t('admin.newKey')}>
            <code>{shown}</code>
          </output>{' '}
          <button type="button" onClick={() => setShown(null)}>
            {t('admin.keyCopied')}
          </button>
        </div>
      )}
      <Refusals state={revokeState} />
      {error && <Problem error={error} />}
      {data && (
        <DataTable
          caption={t('admin.keysOf', { unit: unitCode })}
          columns={columns}
          rows={data.apiKeys}
          rowKey={(k) => k.id}
          fileName={`${unitCode} ${t('admin.keys')}`}
        />
      )}
    </section>
  );
}

type AuditEntry = AuditLogQuery['auditLog']['edges'][number]['node'];
const ACTIONS = ['INSERT', 'UPDATE', 'DELETE', 'NATIONAL_ID_REFUSED'];
/** The tables whose changes the audit log keeps (api/sql/audit.sql), named in the reader's language. */
export const AUDITED_TABLES = Object.keys(vi.auditTable);

/** The fields a change touched, before and after: only those that differ for an update. */
function ChangeDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useLocale();
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => entry.action !== 'UPDATE' || JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
  return (
    <details>
      <summary>{t('admin.change')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.field')}</th>
            <th scope="col">{t('admin.before')}</th>
            <th scope="col">{t('admin.after')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{show(before[key])}</td>
              <td>{show(after[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Who changed what in the subtree, newest first, filtered; each change opens to its before and after. */
function AuditSection({ unitCode }: { unitCode: string }) {
  const { t } = useLocale();
  const tableName = (table: string) => t(`auditTable.${table}`, { defaultValue: table });
  const [filter, setFilter] = useState({ unit: '', actor: '', action: '', entity: '', from: '', to: '' });
  // A unit below this one narrows the log to its own subtree.
  const root = given(filter.unit)?.toUpperCase() ?? unitCode;
  const variables = {
    unitCode: root,
    actor: given(filter.actor),
    action: given(filter.action),
    entity: given(filter.entity),
    from: given(filter.from),
    to: given(filter.to),
  };
  const pages = usePages(JSON.stringify(variables));
  const [{ data, error }] = useQuery({
    query: AuditLogDocument,
    variables: { ...variables, after: pages.after },
  });
  const set = (key: keyof typeof filter) => (event: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: event.target.value });
  const columns: Column<AuditEntry>[] = [
    { header: t('admin.at'), value: (e) => formatMoment(e.at) },
    // Who and through which operation, as the API records them: identifiers, not words to translate.
    { header: t('admin.actor'), value: (e) => e.actor, render: (e) => <span translate="no">{e.actor}</span> },
    {
      header: t('admin.operation'),
      value: (e) => e.operation ?? '',
      render: (e) => <span translate="no">{e.operation}</span>,
    },
    {
      header: t('admin.entity'),
      value: (e) => `${tableName(e.entity)}${e.entityId ? ` ${e.entityId}` : ''}`,
    },
    { header: t('admin.action'), value: (e) => t(`auditAction.${e.action}`, { defaultValue: e.action }) },
    { header: t('admin.unit'), value: (e) => (e.unit ? `${e.unit.name} (${e.unit.code})` : '') },
    {
      header: t('admin.change'),
      value: (e) => JSON.stringify({ before: e.before ?? null, after: e.after ?? null }),
      render: (e) => <ChangeDetails entry={e} />,
    },
  ];
  return (
    <section aria-labelledby="admin-audit-heading">
      <h3 id="admin-audit-heading">{t('admin.audit')}</h3>
      <form
        className="controls"
        aria-label={t('admin.auditFilters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          {t('admin.auditUnit')}
          <input value={filter.unit} onChange={set('unit')} placeholder={unitCode} />
        </label>
        <label>
          {t('admin.actor')}
          <input value={filter.actor} onChange={set('actor')} />
        </label>
        <label>
          {t('admin.action')}
          <select value={filter.action} onChange={set('action')}>
            <option value="">{t('admin.any')}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`auditAction.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.entity')}
          <select value={filter.entity} onChange={set('entity')}>
            <option value="">{t('admin.any')}</option>
            {AUDITED_TABLES.map((table) => (
              <option key={table} value={table}>
                {tableName(table)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.from')}
          <DateInput value={filter.from} onChange={(value) => set('from')({ target: { value } })} />
        </label>
        <label>
          {t('admin.to')}
          <DateInput value={filter.to} onChange={(value) => set('to')({ target: { value } })} />
        </label>
      </form>
      {error && <Problem error={error} />}
      {data && (
        <PagedTable
          connection={data.auditLog}
          pages={pages}
          caption={t('admin.auditOf', { unit: root })}
          columns={columns}
          rowKey={(e) => e.id}
          fileName={`${root} ${t('admin.audit')}`}
        />
      )}
    </section>
  );
}

/** Administration of a unit's subtree, for its ADMINs: accounts and roles, API keys, the audit log. */
export function AdminPage() {
  const { t } = useLocale();
  const { unit, role } = useUnitPage();
  if (role !== 'ADMIN') {
    return <p role="alert">{t('admin.onlyAdmins')}</p>;
  }
  return (
    <section aria-labelledby="admin-heading">
      <h2 id="admin-heading">{t('tab.admin')}</h2>
      <section aria-labelledby="admin-structure-heading">
        <h3 id="admin-structure-heading">{t('structure.heading')}</h3>
        <FormToggle
          allowed
          label={t('structure.title')}
          form={(close) => <StructureSection unitCode={unit.code} onDone={close} />}
        />
        <PlanSection />
      </section>
      <AccountsSection unitCode={unit.code} />
      <ApiKeysSection unitCode={unit.code} />
      <AuditSection unitCode={unit.code} />
    </section>
  );
}
