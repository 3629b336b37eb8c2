import { BellOutlined, CheckOutlined, NodeIndexOutlined, RiseOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Segmented, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationItem, NotificationPage } from '../../shared/engine';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { LevelTag } from '../rules/escalation-rules';
import type { EscalationLevel } from '../../shared/schemas/rules-escalation';
import { navigate } from '../shell/router';
import { notificationTarget, notificationWords } from './notification-text';

/**
 * The person's notifications (his own and his role's), newest first: which case (or corrective
 * action), what happened and why, and when. Opening it marks it read; so does the tick, or "mark all read".
 */

type Filter = 'unread' | 'all';

function Item({ n, onOpen, onRead }: { n: NotificationItem; onOpen(): void; onRead(): void }) {
  const { t } = useTranslation();
  const words = notificationWords(t, n);
  const target = notificationTarget(n);
  return (
    <div className={`notice${n.readAt ? '' : ' notice-unread'}`} data-testid={`notification-${n.id}`}>
      <div className="notice-icon">
        {n.kind === 'escalation' ? <RiseOutlined /> : n.kind === 'routed' ? <NodeIndexOutlined /> : <BellOutlined />}
      </div>
      <div className="notice-body">
        <Space size={6} wrap>
          {target ? (
            <a className="notice-case" data-testid={`notification-${target.kind}`} onClick={onOpen}>
              {target.label}
            </a>
          ) : null}
          {words.level && <LevelTag level={words.level as EscalationLevel} />}
          <Typography.Text strong>{words.title}</Typography.Text>
        </Space>
        {words.reason && <div className="notice-reason">{words.reason}</div>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatInstant(n.createdAt)}
          {n.readAt && ` · ${t('notifications.readAt', { at: formatInstant(n.readAt) })}`}
        </Typography.Text>
      </div>
      {!n.readAt && (
        <Button
          size="small"
          type="text"
          icon={<CheckOutlined />}
          aria-label={t('notifications.markRead')}
          title={t('notifications.markRead')}
          onClick={onRead}
        />
      )}
    </div>
  );
}

export function NotificationDrawer({ open, onClose, onUnread }: { open: boolean; onClose(): void; onUnread(n: number): void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [filter, setFilter] = useState<Filter>('unread');
  const [page, setPage] = useState<NotificationPage | null>(null);

  const load = useCallback(() => {
    call('notifications.list', { unreadOnly: filter === 'unread', limit: 100 }).then((p) => {
      setPage(p);
      onUnread(p.unread);
    }, showError);
  }, [filter, onUnread, showError]);
  useEffect(() => {
    if (open) load();
  }, [open, load]);

  async function markRead(ids: number[]) {
    if (!ids.length) return;
    try {
      const r = await call('notifications.markRead', { ids: ids.slice(0, 500) });
      onUnread(r.unread);
      load();
    } catch (e) {
      showError(e);
    }
  }

  const unreadIds = page?.items.filter((n) => !n.readAt).map((n) => n.id) ?? [];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      title={t('notifications.title')}
      data-testid="notification-drawer"
      extra={
        <Button size="small" id="notifications-read-all" disabled={!unreadIds.length} onClick={() => void markRead(unreadIds)}>
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'unread', label: t('notifications.unread', { count: page?.unread ?? 0 }) },
          { value: 'all', label: t('notifications.all') },
        ]}
      />
      {page === null ? (
        <Skeleton active />
      ) : page.items.length === 0 ? (
        <Empty description={t(filter === 'unread' ? 'notifications.noneUnread' : 'notifications.none')} />
      ) : (
        page.items.map((n) => (
          <Item
            key={n.id}
            n={n}
            onRead={() => void markRead([n.id])}
            onOpen={() => {
              if (!n.readAt) void markRead([n.id]);
              onClose();
              const target = notificationTarget(n);
              if (target) navigate(target.hash);
            }}
          />
        ))
      )}
      {page && page.total > page.items.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('notifications.more', { shown: page.items.length, total: page.total })}
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
