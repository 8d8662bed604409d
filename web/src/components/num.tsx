// A number on screen: formatted for the language, with a stable test id and the raw value.
import { Text, type TextProps } from '@mantine/core';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatValue, type ValueKind } from './format-value.ts';

export interface NumProps extends TextProps {
  value: number | null | undefined;
  kind?: ValueKind;
  testId?: string;
}

export function Num({ value, kind = 'count', testId, ...text }: NumProps) {
  const { fmt } = useI18n();
  return (
    <Text component="span" inherit {...text} data-testid={testId} data-value={value ?? ''}>
      {formatValue(fmt, kind, value)}
    </Text>
  );
}
