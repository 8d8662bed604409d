// Users (admin only): list, add with a role, change a role, delete. The server refuses to remove or
// demote the last admin and says so; that message is shown as it comes.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, PasswordInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiWrite } from '../../api/api-client.ts';
import type { Role, User } from '../../api/api-types.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorNotice } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const ROLES: Role[] = ['admin', 'analyst', 'staff'];

/** The list answer, whether the server pages it or not. */
function itemsOf(answer: User[] | { items: User[] }): User[] {
  return Array.isArray(answer) ? answer : answer.items;
}

export function UsersPage() {
  const { t } = useI18n();
  const { user: me } = useAuth();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['/users'], queryFn: () => apiGet<User[] | { items: User[] }>('/users') });
  const refresh = () => client.invalidateQueries({ queryKey: ['/users'] });
  const change = useMutation({ mutationFn: (v: { id: number; role: Role }) => apiWrite('PATCH', `/users/${v.id}`, { role: v.role }), onSettled: refresh });
  const remove = useMutation({ mutationFn: (id: number) => apiWrite('DELETE', `/users/${id}`), onSettled: refresh });
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }));
  return (
    <Stack>
      <Title order={2}>{t('users.title')}</Title>
      <SectionCard title={t('users.title')} testId="section-users">
        {users.isError && <ErrorNotice error={users.error} />}
        {(change.error ?? remove.error) && <ErrorNotice error={change.error ?? remove.error} testId="users-write-error" />}
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('login.email')}</Table.Th><Table.Th>{t('col.name')}</Table.Th><Table.Th>{t('users.role')}</Table.Th><Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data && itemsOf(users.data).map((u) => (
              <Table.Tr key={u.id} data-testid="user-row">
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{u.name ?? ''}</Table.Td>
                <Table.Td>
                  <Select size="xs" w={140} data={roleOptions} value={u.role} allowDeselect={false}
                    onChange={(v) => { if (v && v !== u.role) change.mutate({ id: u.id, role: v as Role }); }} />
                </Table.Td>
                <Table.Td>
                  {u.id !== me?.id && (
                    <Button size="xs" color="red" variant="subtle" onClick={() => { if (window.confirm(`${t('users.confirmDelete')} ${u.email}?`)) remove.mutate(u.id); }}>{t('users.delete')}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SectionCard>
      <SectionCard title={t('users.add')} testId="section-add-user">
        <AddUser roleOptions={roleOptions} onAdded={() => void refresh()} />
      </SectionCard>
    </Stack>
  );
}

function AddUser({ roleOptions, onAdded }: { roleOptions: { value: string; label: string }[]; onAdded: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('staff');
  const [password, setPassword] = useState('');
  const add = useMutation({
    mutationFn: () => apiWrite('POST', '/users', { email, name: name || null, role, password }),
    onSuccess: () => { setEmail(''); setName(''); setPassword(''); onAdded(); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); add.mutate(); };
  return (
    <form onSubmit={submit}>
      <Group align="flex-start">
        <TextInput label={t('login.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-testid="new-user-email" />
        <TextInput label={t('col.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select label={t('users.role')} data={roleOptions} value={role} allowDeselect={false} onChange={(v) => setRole(v ?? 'staff')} w={140} />
        <PasswordInput w={220} label={t('login.password')} description={t('users.passwordHint')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} data-testid="new-user-password" />
        <Button mt={24} type="submit" loading={add.isPending} data-testid="new-user-submit">{t('users.add')}</Button>
      </Group>
      {add.isError && <Alert color="red" mt="sm" data-testid="new-user-error">{add.error.message}</Alert>}
    </form>
  );
}
