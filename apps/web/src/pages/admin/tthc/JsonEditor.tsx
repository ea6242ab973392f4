import { Alert, Button, Code, Group, List, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../api/tthc-admin.ts';
import { codeArea } from './styles.ts';

export type Parsed = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

/** JSON.parse with the line and column of a syntax error (engines report a character offset). */
export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    // Firefox (and newer V8) say "line L column C"; older V8 only "position N".
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) return { ok: false, line: Number(lineColumn[1]), column: Number(lineColumn[2]), message };
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    const before = text.slice(0, offset).split('\n');
    return { ok: false, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message };
  }
}

/** An object parsed from `text`, or null (arrays and scalars are not documents here). */
export function parseObject(text: string): Record<string, unknown> | null {
  const parsed = parseJson(text);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : null;
}

export const pretty = (value: unknown) => JSON.stringify(value, null, 2);

interface Props {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  /** The server's problems with this document, listed by path below the editor. */
  issues?: Issue[];
  issuesTitle?: string;
  minRows?: number;
  readOnly?: boolean;
}

/**
 * A JSON document edited as text (schemas, layouts, process definitions, sample data). Syntax
 * errors show at once with their line and column; meaning errors come from the server by path.
 */
export function JsonEditor({ label, description, value, onChange, issues = [], issuesTitle, minRows = 12, readOnly }: Props) {
  const { t } = useTranslation();
  const parsed = parseJson(value);
  const syntax = parsed.ok ? undefined : t('tthcAdmin.json.syntax', { line: parsed.line, column: parsed.column });
  return (
    <div>
      <Textarea
        label={label}
        description={description}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={minRows}
        maxRows={30}
        readOnly={readOnly}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        styles={codeArea}
        error={syntax}
      />
      {!readOnly && (
        <Group justify="flex-end" mt={4}>
          <Button size="compact-xs" variant="subtle" disabled={!parsed.ok} onClick={() => parsed.ok && onChange(pretty(parsed.value))}>
            {t('tthcAdmin.json.format')}
            <span className="sr-only"> {label}</span>
          </Button>
        </Group>
      )}
      <IssueList issues={issues} title={issuesTitle ?? t('tthcAdmin.json.issues', { count: issues.length })} />
    </div>
  );
}

/** Problems by path (`steps[2].permission`), in the reader's language when the server gave both. */
export function IssueList({ issues, title }: { issues: (Issue & { label?: string })[]; title: string }) {
  const { i18n } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title} mt="xs">
      <List size="sm" spacing={2}>
        {issues.map((issue, i) => (
          <List.Item key={`${issue.path}:${i}`}>
            {issue.label && `${issue.label} `}
            {issue.path ? <Code>{issue.path}</Code> : null} <Text span size="sm">{(i18n.language === 'en' && issue.messageEn) || issue.message}</Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
