import { EditOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Card, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSection } from '../../shared/domain';
import { useCase } from './case-context';
import { sectionReasonText } from './reasons';

/**
 * A part of the feedback form: read-only, with an Edit button when the rules let this person change
 * it in this state (`workflow.sections[section]` is null), otherwise a lock whose tooltip says why.
 */

export function useSectionEdit(section: CaseSection, key: string = section) {
  const { workflow, setEditing } = useCase();
  const blocker = workflow.sections[section];
  const [editing, setLocal] = useState(false);
  const set = useCallback(
    (on: boolean) => {
      setEditing(key, on);
      setLocal(on);
    },
    [key, setEditing],
  );
  useEffect(() => () => setEditing(key, false), [key, setEditing]);
  return { blocker, editing: editing && !blocker, start: () => set(true), done: () => set(false) };
}

export function LockHint({ section }: { section: CaseSection }) {
  const { t } = useTranslation();
  const blocker = useCase().workflow.sections[section];
  if (!blocker) return null;
  return (
    <Tooltip title={sectionReasonText(t, blocker)}>
      <Typography.Text type="secondary" className="case-lock" data-testid={`${section}-locked`}>
        <LockOutlined />
      </Typography.Text>
    </Tooltip>
  );
}

interface Props {
  section: CaseSection;
  title: ReactNode;
  /** The next step waits on this part: shown with a coloured edge. */
  current?: boolean;
  editLabel?: string;
  /** The read-only view. */
  children: ReactNode;
  form(done: () => void): ReactNode;
}

export function SectionCard({ section, title, current, editLabel, children, form }: Props) {
  const { t } = useTranslation();
  const { blocker, editing, start, done } = useSectionEdit(section);
  const extra = blocker ? (
    <LockHint section={section} />
  ) : editing ? null : (
    <Button id={`${section}-edit`} size="small" icon={<EditOutlined />} onClick={start}>
      {editLabel ?? t('case.edit')}
    </Button>
  );
  return (
    <Card
      id={`section-${section}`}
      size="small"
      title={title}
      extra={extra}
      className={`case-section${current && !blocker ? ' case-section-current' : ''}`}
    >
      {editing ? form(done) : children}
    </Card>
  );
}

/** The empty state of a part nobody has filled in yet. */
export function NotYet({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{text ?? t('case.notYet')}</Typography.Text>;
}
