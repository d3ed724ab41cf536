// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/LiveUsageRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "base/ThreadContext.h"
#include "ledger/UsageFeed.h"

#include <QTimer>

namespace {

// One subscriber's stream. Lives on the thread serving its connection: the feed's wake-ups,
// the keep-alive timer and the disconnect handler all run there.
class LiveStream : public std::enable_shared_from_this<LiveStream>
{
public:
    LiveStream(UsageFeed *feed, HttpResponderPtr responder)
        : m_feed(feed), m_responder(std::move(responder))
    {
    }
    ~LiveStream()
    {
        if (m_timer)
            m_timer->deleteLater();
    }

    void start()
    {
        if (!m_responder->beginChunked(200, {{"Content-Type", "text/event-stream"},
                                             {"Cache-Control", "no-cache"},
                                             {"X-Accel-Buffering", "no"}}))
            return;
        m_responder->writeChunk(": connected\n\n");
        const std::weak_ptr<LiveStream> weak = weak_from_this();
        QObject *context = ThreadContext::current();
        m_subscriber = m_feed->subscribe([context, weak] {
            QMetaObject::invokeMethod(
                context,
                [weak] {
                    if (auto self = weak.lock())
                        self->drain();
                },
                Qt::QueuedConnection);
        });
        m_responder->setDisconnectHandler([self = shared_from_this()] { self->finish(); });
        m_timer = new QTimer;
        m_timer->setInterval(LiveUsageRoutes::KeepAliveMs);
        QObject::connect(m_timer, &QTimer::timeout, m_timer, [weak] {
            if (auto self = weak.lock())
                self->tick();
        });
        m_timer->start();
    }

private:
    void tick()
    {
        if (!m_responder)
            return;
        if (!m_subscriber->isDropped() && m_responder->pendingBytes() == 0)
            m_responder->writeChunk(": keep-alive\n\n");
        drain();
    }

    void drain()
    {
        const auto keep = shared_from_this();
        if (!m_responder || !m_subscriber)
            return;
        if (m_subscriber->isDropped()) {
            m_responder->writeChunk(
                "event: dropped\ndata: {\"error\":{\"type\":\"overloaded_error\",\"message\":"
                "\"This client fell behind the live feed and was dropped; reconnect.\"}}\n\n");
            m_responder->endChunked();
            finish();
            return;
        }
        if (m_responder->pendingBytes() > LiveUsageRoutes::MaxPendingBytes) {
            // Try again shortly; meanwhile the feed's bounded queue holds (or drops) the backlog.
            const std::weak_ptr<LiveStream> weak = weak_from_this();
            QTimer::singleShot(100, m_timer, [weak] {
                if (auto self = weak.lock())
                    self->drain();
            });
            return;
        }
        QByteArray out;
        const QList<QByteArray> events = m_subscriber->take();
        for (const QByteArray &event : events)
            out += "data: " + event + "\n\n";
        if (!out.isEmpty() && !m_responder->writeChunk(out))
            finish();
    }

    void finish()
    {
        const auto keep = shared_from_this();
        if (m_subscriber) {
            m_feed->unsubscribe(m_subscriber);
            m_subscriber.reset();
        }
        if (m_timer) {
            m_timer->stop();
            m_timer->deleteLater();
            m_timer = nullptr;
        }
        HttpResponderPtr responder = std::move(m_responder);
        m_responder.reset();
    }

    UsageFeed *m_feed;
    HttpResponderPtr m_responder;
    UsageFeed::SubscriberPtr m_subscriber;
    QTimer *m_timer = nullptr;
};

void live(UsageFeed *feed, const HttpResponderPtr &responder)
{
    if (!feed)
        throw ApiError::unavailable(QStringLiteral("unavailable"),
                                    QStringLiteral("The live usage feed is not available."));
    auto stream = std::make_shared<LiveStream>(feed, responder);
    stream->start();
}

} // namespace

void LiveUsageRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add(
        "GET", QStringLiteral("/api/usage/live"), RouteAccess::need(Permission::UsageRead),
        [api](const HttpRequest &, const HttpResponderPtr &r) { live(api->usageFeed(), r); });
}
