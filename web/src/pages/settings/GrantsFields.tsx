import { Button, Form, type FormInstance, Select, Space } from 'antd';
import type { Grant } from '../../api/auth';
import { fetchDepartments } from '../../api/departments';
import { fetchPlaces } from '../../api/places';
import type { GrantInput, RoleInfo } from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { grantableKinds, kindsFor } from './settings.model';

export interface GrantsValues {
  grants: Partial<GrantInput>[];
}

/**
 * The grants of a user as form rows: a role, a scope kind the role may be held within (and the administrator may
 * give), and the scope's code chosen from the places and departments of the chosen town.
 */
export function GrantsFields({
  form,
  roles,
  known,
}: {
  form: FormInstance;
  roles: readonly RoleInfo[];
  /** Existing grants, so their scopes show by name even outside the chosen town. */
  known?: readonly Grant[];
}) {
  const { t } = useI18n();
  const { me, town, towns } = useSession();
  const allowed = me.kind === 'system' ? (['all', 'city', 'town', 'village', 'department'] as const) : null;
  const kinds: readonly Grant['kind'][] = allowed ?? grantableKinds(me.user?.grants ?? [], roles);
  const townCode = town?.code;
  const options = useQuery(`settings|grant-options|${townCode}|${kinds.join(',')}`, async (signal) => {
    const [cities, villages, departments] = await Promise.all([
      kinds.includes('city') ? fetchPlaces({ level: 'city' }, signal) : Promise.resolve([]),
      townCode ? fetchPlaces({ level: 'village', within: townCode }, signal) : Promise.resolve([]),
      townCode ? fetchDepartments(townCode, signal) : Promise.resolve([]),
    ]);
    return { cities, villages, departments };
  });
  const rows = (Form.useWatch('grants', form) ?? []) as Partial<GrantInput>[];

  const codeOptions = (kind: Grant['kind'] | undefined) => {
    const data = options.data;
    const list: { value: string; label: string }[] =
      kind === 'city'
        ? (data?.cities ?? []).map((place) => ({ value: place.code, label: place.name }))
        : kind === 'town'
          ? towns.map((item) => ({ value: item.code, label: item.name }))
          : kind === 'village'
            ? (data?.villages ?? []).map((place) => ({ value: place.code, label: place.name }))
            : kind === 'department'
              ? (data?.departments ?? []).map((unit) => ({
                  value: `${unit.townCode}/${unit.code}`,
                  label: `${town?.name ?? ''} · ${unit.name}`,
                }))
              : [];
    for (const grant of known ?? []) {
      if (grant.kind === kind && grant.code && !list.some((option) => option.value === grant.code)) {
        list.push({ value: grant.code, label: grant.name ?? grant.code });
      }
    }
    return list.map((option) => ({ ...option, label: `${option.label}（${option.value}）` }));
  };

  return (
    <Form.List name="grants">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fields.map((field, index) => {
            const row = rows[index] ?? {};
            const role = roles.find((item) => item.code === row.role);
            const rowKinds = kindsFor(role, kinds);
            return (
              <Space key={field.key} align="start" wrap data-testid={`grant-row-${index}`}>
                <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('settings.required') }]}>
                  <Select
                    data-testid={`grant-role-${index}`}
                    style={{ width: 170 }}
                    placeholder={t('settings.users.role')}
                    options={roles
                      .filter((item) => kindsFor(item, kinds).length > 0)
                      .map((item) => ({ value: item.code, label: item.name }))}
                    onChange={(value: string) => {
                      const next = kindsFor(
                        roles.find((item) => item.code === value),
                        kinds,
                      );
                      form.setFieldValue(['grants', field.name, 'kind'], next[0]);
                      form.setFieldValue(['grants', field.name, 'code'], undefined);
                    }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: t('settings.required') }]}>
                  <Select
                    data-testid={`grant-kind-${index}`}
                    style={{ width: 110 }}
                    placeholder={t('settings.users.scopeKind')}
                    options={rowKinds.map((kind) => ({ value: kind, label: t(`settings.users.scope.${kind}`) }))}
                    onChange={() => form.setFieldValue(['grants', field.name, 'code'], undefined)}
                  />
                </Form.Item>
                {row.kind !== 'all' && (
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, message: t('settings.required') }]}>
                    <Select
                      data-testid={`grant-code-${index}`}
                      style={{ width: 250 }}
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={options.loading}
                      placeholder={t('settings.users.scopeCode')}
                      options={codeOptions(row.kind)}
                    />
                  </Form.Item>
                )}
                <Button type="text" danger onClick={() => remove(field.name)} aria-label="remove">
                  ×
                </Button>
              </Space>
            );
          })}
          <Button type="dashed" onClick={() => add({})} data-testid="grant-add">
            {t('settings.users.addGrant')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
