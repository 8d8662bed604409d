// A titled block of a page.
import type { ReactNode } from 'react';
import { Card, Group, Text, Title } from '@mantine/core';

export function SectionCard({ title, hint, right, children, testId }: {
  title: string;
  hint?: string;
  right?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" mb="sm" align="flex-start">
        <div>
          <Title order={4}>{title}</Title>
          {hint && <Text size="sm" c="dimmed">{hint}</Text>}
        </div>
        {right}
      </Group>
      {children}
    </Card>
  );
}
