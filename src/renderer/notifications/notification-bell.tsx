import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, on } from '../api/client';
import { useSession } from '../shell/session';
import { NotificationDrawer } from './notification-drawer';
import './notifications.css';

/**
 * The bell in the header: how many notifications the person working has not read yet (an escalation
 * rule's "notify" action, a routed case). Counted again when cases or notifications change, when
 * someone else starts working, and every minute as a safety net.
 */

const REFRESH_MS = 60_000;

export function NotificationBell() {
  const { t } = useTranslation();
  const { user, generation } = useSession();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const count = useCallback(() => {
    call('notifications.list', { unreadOnly: true, limit: 1 }).then(
      (p) => setUnread(p.unread),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (!user) return;
    count();
    const timer = window.setInterval(count, REFRESH_MS);
    const offs = [on('complaints.changed', count), on('notifications.changed', count), on('app.dataReset', count)];
    return () => {
      window.clearInterval(timer);
      offs.forEach((off) => off());
    };
  }, [user, generation, count]);

  return (
    <>
      <Tooltip title={t('notifications.title')}>
        <Badge count={unread} size="small" overflowCount={99}>
          <Button
            id="notification-bell"
            type="text"
            shape="circle"
            icon={<BellOutlined style={{ fontSize: 18 }} />}
            aria-label={t('notifications.bellLabel', { count: unread })}
            data-unread={unread}
            onClick={() => setOpen(true)}
          />
        </Badge>
      </Tooltip>
      <NotificationDrawer open={open} onClose={() => setOpen(false)} onUnread={setUnread} />
    </>
  );
}
