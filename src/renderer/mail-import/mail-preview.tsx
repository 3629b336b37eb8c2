import { CloseOutlined, MailOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailDraft } from '../../shared/data-io';
import { LIMITS } from '../../shared/domain';
import { formatSize } from '../case/upload';
import { formatInstant } from '../common/format';
import { plainTextSrcdoc, sanitiseMailHtml } from './sanitize-html';

/**
 * The imported message beside the registration form: who sent it and when, what the form took
 * from it and what it could not, the body as the sender wrote it (sanitised, in a frame with no
 * permissions), and the files that will be kept with the complaint.
 */

interface Props {
  draft: MailDraft;
  /** The description had to be cut to fit. */
  trimmed: boolean;
  onRemove(): void;
}

export function MailPreview({ draft, trimmed, onRemove }: Props) {
  const { t } = useTranslation();
  const body = useMemo(() => (draft.html ? sanitiseMailHtml(draft.html) : { srcdoc: plainTextSrcdoc(draft.text), blocked: 0 }), [draft.html, draft.text]);
  const domain = draft.from.address?.split('@')[1] ?? '';

  const match =
    draft.match === 'contact' ? (
      <Alert type="success" showIcon title={t('mailImport.match.contact', { contact: draft.contact?.name, customer: draft.customer?.name })} />
    ) : draft.match === 'domain' ? (
      <Alert type="warning" showIcon title={t('mailImport.match.domain', { domain, customer: draft.customer?.name })} />
    ) : (
      <Alert type="info" showIcon title={draft.from.address ? t('mailImport.match.none', { address: draft.from.address }) : t('mailImport.match.noAddress')} />
    );

  return (
    <Card
      className="page-card"
      data-testid="mail-preview"
      title={
        <Space>
          <MailOutlined />
          {t('mailImport.panel.title')}
        </Space>
      }
      extra={
        <Button id="mail-remove" size="small" icon={<CloseOutlined />} onClick={onRemove}>
          {t('mailImport.panel.remove')}
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'from', label: t('mailImport.panel.from'), children: <span data-testid="mail-from">{[draft.from.name, draft.from.address && `<${draft.from.address}>`].filter(Boolean).join(' ') || '—'}</span> },
            { key: 'subject', label: t('mailImport.panel.subject'), children: <span data-testid="mail-subject">{draft.subject || t('mailImport.panel.noSubject')}</span> },
            { key: 'date', label: t('mailImport.panel.date'), children: draft.receivedAt ? formatInstant(draft.receivedAt) : '—' },
            { key: 'file', label: t('mailImport.panel.file'), children: draft.fileName },
          ]}
        />
        {match}
        {draft.notes.map((n) => (
          <Alert key={n.code} type="warning" showIcon title={t(`mailImport.note.${n.code}`, { ...n.params, date: n.params?.date ? formatInstant(String(n.params.date)) : '' })} />
        ))}
        {trimmed && <Alert type="warning" showIcon data-testid="mail-trimmed" title={t('mailImport.descriptionTrimmed', { max: LIMITS.description })} />}

        <div>
          <Typography.Text strong>{t('mailImport.panel.body')}</Typography.Text>
          {/* sandbox="" : no scripts, no same origin, no forms, no popups, no navigation of the app. */}
          <iframe
            data-testid="mail-body"
            className="mail-body-frame"
            title={t('mailImport.panel.body')}
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={body.srcdoc}
            style={{ display: 'block', width: '100%', height: 380, marginTop: 6, border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }}
          />
          {body.blocked > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="mail-blocked">
              {t('mailImport.panel.blocked', { n: body.blocked })}
            </Typography.Text>
          )}
        </div>

        <div data-testid="mail-attachments">
          <Typography.Text strong>
            <PaperClipOutlined /> {t('mailImport.panel.attachments')}
          </Typography.Text>
          <ul className="mail-attachment-list" style={{ margin: '6px 0 0', paddingLeft: 20 }}>
            <li>
              {draft.fileName} <Tag>{t('mailImport.panel.original')}</Tag>
            </li>
            {draft.attachments.map((a) => (
              <li key={a.index}>
                {a.name}{' '}
                <Typography.Text type="secondary">
                  {formatSize(a.size)}
                  {a.inline ? ` · ${t('mailImport.panel.inline')}` : ''}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
        {draft.skipped.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="mail-skipped"
            title={t('mailImport.panel.skipped')}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {draft.skipped.map((s, i) => (
                  <li key={i}>
                    {s.name} ({formatSize(s.size)}): {t(`mailImport.skippedReason.${s.reason}`)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </Space>
    </Card>
  );
}
