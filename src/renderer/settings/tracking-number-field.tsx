import { Form, Input, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { issueText, toApiError } from '../common/api-errors';
import { useDebouncedCallback } from '../common/use-debounced';

/**
 * The tracking-number format with a live preview: the number the next case registered now would
 * get (main fills in the month in the office time zone and reads the counter without taking it).
 * A format main refuses shows why on the field at once.
 */
export function TrackingNumberField<V extends { trackingNumberFormat: string }>({ form }: { form: FormInstance<V> }) {
  const { t } = useTranslation();
  const format = Form.useWatch('trackingNumberFormat', form) as string | undefined;
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const check = useDebouncedCallback((f: string) => {
    call('settings.previewTrackingNumber', { format: f }).then(
      (r) => {
        setPreview(r.next);
        setProblem(null);
      },
      (raw: unknown) => {
        const e = toApiError(raw);
        setPreview(null);
        setProblem(e.issues[0] ? issueText(t, e.issues[0]) : t('settings.general.previewFailed'));
      },
    );
  }, 250);

  useEffect(() => {
    if (format !== undefined) check.run(format);
  }, [format, check]);

  return (
    <Form.Item
      label={t('settings.general.format')}
      required
      validateStatus={problem ? 'error' : undefined}
      help={problem ?? undefined}
      extra={
        <>
          <div data-testid="tracking-number-preview">
            {t('settings.general.preview')}{' '}
            <Typography.Text className="tracking-number-preview" copyable={!!preview && { text: preview }}>
              {preview ?? t('settings.none')}
            </Typography.Text>
          </div>
          <div>{t('settings.general.formatHint')}</div>
        </>
      }
    >
      <Form.Item name="trackingNumberFormat" noStyle>
        <Input id="general_trackingNumberFormat" maxLength={40} style={{ width: 320 }} />
      </Form.Item>
    </Form.Item>
  );
}
