import { InboxOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMailImport } from './use-mail-import';
import './mail-import.css';

/**
 * Dropping an e-mail anywhere on the window opens the registration page prefilled from it. A drop
 * zone of a page (the case's attachments, the spreadsheet import) keeps its own drops: whatever it
 * already handled (its `preventDefault`) is left to it, and the overlay does not show over it.
 * The overlay never takes the pointer, so the drop lands where the person aims.
 */
export function MailDropTarget() {
  const { t } = useTranslation();
  const { importFiles } = useMailImport();
  const [shown, setShown] = useState(false);
  const hide = useRef<number | undefined>(undefined);

  useEffect(() => {
    const carriesFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const onDragOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      window.clearTimeout(hide.current);
      if (e.defaultPrevented) {
        setShown(false);
        return;
      }
      // Taken here, or the browser (or Electron) would open the file in place of the app.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setShown(true);
      // dragover repeats while the pointer is over the window; its end means the drag left.
      hide.current = window.setTimeout(() => setShown(false), 200);
    };
    const onDrop = (e: DragEvent) => {
      window.clearTimeout(hide.current);
      setShown(false);
      if (!carriesFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      void importFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.clearTimeout(hide.current);
    };
  }, [importFiles]);

  if (!shown) return null;
  return (
    <div className="mail-drop-overlay" data-testid="mail-drop-overlay" aria-hidden>
      <div className="mail-drop-card">
        <InboxOutlined style={{ fontSize: 48, color: '#1677ff' }} />
        <div className="mail-drop-title">{t('mailImport.dropTitle')}</div>
        <div className="mail-drop-hint">{t('mailImport.dropHint')}</div>
      </div>
    </div>
  );
}
