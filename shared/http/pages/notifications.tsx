import { Hono } from 'hono';
import { shanghaiDateTime } from '#domain/dates.ts';
import { listNotifications, markNotificationRead } from '#usecases/notifications.ts';
import type { AppEnv } from '../context.ts';
import { signedIn, whoOf } from './common.ts';
import { Bi, BiLink, Empty, Submit, Text } from './components.tsx';
import { Layout, page } from './layout.tsx';

/** The signed-in user's notifications, newest first; unread ones can be marked read. */
export function notificationPages() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = signedIn(c);
    const { items, unread } = await listNotifications(c.get('deps').store, principal, 50);
    return page(
      c,
      <Layout title={{ zh: '通知', en: 'Notifications' }} who={await whoOf(c)}>
        <h1>
          <Bi zh="通知" en="Notifications" /> · {unread}
        </h1>
        {items.length === 0 ? (
          <Empty text={{ zh: '暂无通知', en: 'No notifications yet' }} />
        ) : (
          <ul class="notifications">
            {items.map((n) => (
              <li class={n.readAt ? 'read' : 'unread'}>
                <strong>
                  <Text text={n.title} />
                </strong>{' '}
                <small>{shanghaiDateTime(new Date(n.at))}</small>
                <p>
                  <Text text={n.body} />
                </p>
                {n.link && <BiLink href={n.link} zh="查看" en="Open" />}
                {!n.readAt && (
                  <form method="post" action={`/notifications/${encodeURIComponent(n.id)}/read`}>
                    <Submit zh="标为已读" en="Mark read" />
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });

  app.post('/:id/read', async (c) => {
    await markNotificationRead(c.get('deps'), signedIn(c), c.req.param('id'));
    return c.redirect('/notifications', 303);
  });

  return app;
}
