import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { API_ERROR_KEY, toApiError, useShowError } from '../common/api-errors';
import { intakeFieldFor, type diffPatch, type IntakeValues } from '../complaints/intake-values';
import { CaseDetails } from './case-details';
import { CaseEditForm } from './case-edit-form';
import { useCase } from './case-context';
import { SectionCard } from './section-card';

/** The intake of the feedback form as registered (seed 002 §5.1), corrected while the case is young. */
export function IntakeSection() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const { file, refresh, fail } = useCase();

  async function save(patch: ReturnType<typeof diffPatch>, form: FormInstance<IntakeValues>, done: () => void) {
    if (Object.keys(patch).length === 0) {
      void message.info(t('case.noChanges'));
      return done();
    }
    try {
      await call('complaints.update', { id: file.id, version: file.version, patch });
      notification.destroy(API_ERROR_KEY);
      void message.success(t('case.saved'));
      done();
      await refresh();
    } catch (raw) {
      const e = toApiError(raw);
      if (e.code === 'VALIDATION') return showError(e, { instance: form, fieldFor: intakeFieldFor });
      // A stale version or a step taken meanwhile: the page shows the case as it now is.
      fail(e);
      done();
    }
  }

  return (
    <SectionCard
      section="intake"
      title={t('case.section.intake')}
      form={(done) => <CaseEditForm c={file} onSave={(patch, form) => save(patch, form, done)} onCancel={done} />}
    >
      <CaseDetails c={file} />
    </SectionCard>
  );
}
