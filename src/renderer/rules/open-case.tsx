import { Button } from 'antd';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { navigate, paths } from '../shell/router';

/**
 * A tracking number as a link to its case. The engine's answers (dry run samples, repeat counts)
 * name cases by tracking number, the number the office reads; the case page needs the id, found by
 * an exact match on the tracking table when the link is followed.
 */
export async function caseIdOf(trackingNo: string): Promise<number | null> {
  const page = await call('complaints.page', {
    startRow: 0,
    endRow: 1,
    filterModel: { trackingNo: { filterType: 'text', type: 'equals', filter: trackingNo } },
  });
  return page.rows[0]?.id ?? null;
}

export function CaseLink({ trackingNo, onOpen }: { trackingNo: string; onOpen?: () => void }) {
  const showError = useShowError();
  return (
    <Button
      type="link"
      size="small"
      className="case-link"
      data-testid="case-link"
      style={{ paddingInline: 2 }}
      onClick={() =>
        void caseIdOf(trackingNo).then((id) => {
          if (id === null) return;
          onOpen?.();
          navigate(paths.case(id));
        }, showError)
      }
    >
      {trackingNo}
    </Button>
  );
}
