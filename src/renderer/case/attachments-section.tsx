import { EyeOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_PURPOSES } from '../../shared/schemas/lifecycle';
import { formatInstant } from '../common/format';
import { useCase } from './case-context';
import { LockHint } from './section-card';
import { formatSize, openAttachment, useAttachmentUpload, type Purpose } from './upload';

/** Photos, scans, e-mails and the customer's receipt, opened with the system's viewer. */

/** The upload button: antd's Upload with our own request, which checks the size and stores the file. */
export function UploadButton({
  purpose,
  id,
  onAdded,
  label,
}: {
  purpose: Purpose;
  id: string;
  onAdded?: (id: number) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  const upload = useAttachmentUpload();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      showUploadList={false}
      multiple={false}
      customRequest={(req) => {
        const f = req.file;
        if (!(f instanceof File)) return;
        setBusy(true);
        void upload(f, purpose).then((a) => {
          setBusy(false);
          if (a) {
            req.onSuccess?.(a);
            onAdded?.(a.id);
          } else req.onError?.(new Error('refused'));
        });
      }}
    >
      <Button id={id} icon={<UploadOutlined />} loading={busy}>
        {label ?? t('attachment.upload')}
      </Button>
    </Upload>
  );
}

export function AttachmentsSection() {
  const { t } = useTranslation();
  const { file, workflow, fail } = useCase();
  const [purpose, setPurpose] = useState<Purpose>('photo');
  const editable = !workflow.sections.attachments;
  return (
    <Card
      size="small"
      className="case-section"
      id="section-attachments"
      title={
        <Space>
          <PaperClipOutlined />
          {t('attachment.title')}
        </Space>
      }
      extra={editable ? null : <LockHint section="attachments" />}
    >
      {editable && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            id="attachment-purpose"
            value={purpose}
            onChange={setPurpose}
            style={{ width: 130 }}
            options={ATTACHMENT_PURPOSES.map((p) => ({ value: p, label: t(`attachment.purpose.${p}`) }))}
          />
          <UploadButton purpose={purpose} id="attachment-upload" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attachment.limit')}
          </Typography.Text>
        </Space>
      )}
      {file.attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('attachment.none')}</Typography.Text>
      ) : (
        <div data-testid="attachments-list" className="case-attachments">
          {file.attachments.map((a) => (
            <div key={a.id} className="case-attachment">
              <div className="case-attachment-text">
                <Space size={4} wrap>
                  <span className="case-attachment-name">{a.name}</span>
                  <Tag>{t(`attachment.purpose.${a.purpose}`, { defaultValue: a.purpose })}</Tag>
                </Space>
                <Typography.Text type="secondary" className="case-byline">
                  {t('attachment.meta', { size: formatSize(a.size), name: a.uploadedBy, at: formatInstant(a.uploadedAt) })}
                </Typography.Text>
              </div>
              <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => void openAttachment(a.id).catch(fail)}>
                {t('attachment.open')}
              </Button>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
