import { AlertOutlined, AuditOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Tooltip } from 'antd';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/domain';
import type { Blocker, CaseFile } from '../../shared/types';
import { call } from '../api/client';

/**
 * What a person does about the engine's view of a case: pause the SLA clocks while the case waits
 * for the customer, flag (or clear) customer pressure with a note saying how the customer presses,
 * and — for management — take the case off the review list with what was decided. Each is offered
 * as the rules in main allow (`workflow.sections.waiting` / `.pressure`); main checks again.
 */

const MANAGEMENT: readonly Role[] = ['sales_manager', 'branch_manager', 'chairman'];

interface Props {
  file: CaseFile;
  role: Role | null;
  /** The section rules' blockers; undefined when main does not answer them. */
  waitingBlocker: Blocker | null | undefined;
  pressureBlocker: Blocker | null | undefined;
  blockerText(b: Blocker): string;
  /** After a change: the case page loads the case again. */
  done(): void;
  fail(e: unknown): void;
}

type Dialog = 'pressure' | 'review' | null;

export function EngineActions({ file, role, waitingBlocker, pressureBlocker, blockerText, done, fail }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const waiting = !!file.waitingCustomerSince;

  async function run(op: () => Promise<unknown>, ok: string) {
    setBusy(true);
    try {
      await op();
      void message.success(ok);
      setDialog(null);
      form.resetFields();
      done();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }
  const ref = { id: file.id, version: file.version };
  // Not this person's to do at all: not offered. Not now (a closed case): offered disabled, saying why.
  const guarded = (b: Blocker | null | undefined, node: ReactElement) =>
    b?.code === 'wrong_role' ? null : b ? <Tooltip title={blockerText(b)}>{node}</Tooltip> : node;

  return (
    <Space wrap size={8} className="engine-actions">
      {guarded(
        waitingBlocker,
        <Button
          id="engine-waiting"
          size="small"
          icon={waiting ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
          disabled={!!waitingBlocker}
          loading={busy && dialog === null}
          onClick={() =>
            void run(() => call('complaints.setWaitingCustomer', { ...ref, waiting: !waiting }), t(waiting ? 'sla.resumed' : 'sla.paused'))
          }
        >
          {t(waiting ? 'sla.waitingOff' : 'sla.waitingOn')}
        </Button>,
      )}
      {guarded(
        pressureBlocker,
        <Button
          id="engine-pressure"
          size="small"
          danger={!file.customerPressure}
          icon={<AlertOutlined />}
          disabled={!!pressureBlocker}
          onClick={() =>
            file.customerPressure
              ? void run(
                  () => call('complaints.setCustomerPressure', { ...ref, pressure: false, note: null }),
                  t('escalation.pressure.cleared'),
                )
              : setDialog('pressure')
          }
        >
          {t(file.customerPressure ? 'escalation.pressure.clear' : 'escalation.pressure.set')}
        </Button>,
      )}
      {file.managementReview && role && MANAGEMENT.includes(role) && (
        <Button id="engine-reviewed" size="small" type="primary" ghost icon={<AuditOutlined />} onClick={() => setDialog('review')}>
          {t('review.mark')}
        </Button>
      )}
      <Modal
        open={dialog !== null}
        title={t(dialog === 'review' ? 'review.markTitle' : 'escalation.pressure.title')}
        okText={t(dialog === 'review' ? 'review.mark' : 'escalation.pressure.set')}
        okButtonProps={{ loading: busy, id: 'engine-dialog-ok' }}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        onOk={() =>
          void form
            .validateFields()
            .then(({ note }) =>
              dialog === 'review'
                ? run(() => call('management.markReviewed', { ...ref, note }), t('review.marked'))
                : run(() => call('complaints.setCustomerPressure', { ...ref, pressure: true, note }), t('escalation.pressure.flagged')),
            )
        }
      >
        <Form form={form} layout="vertical" name="engine-note">
          <Form.Item
            name="note"
            label={t(dialog === 'review' ? 'review.note' : 'escalation.pressure.note')}
            rules={[{ required: true, whitespace: true, message: t('issue.required') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={1000}
              placeholder={t(dialog === 'review' ? 'review.notePlaceholder' : 'escalation.pressure.placeholder')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
