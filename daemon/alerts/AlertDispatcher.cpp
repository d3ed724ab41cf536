// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/AlertDispatcher.h"

#include "alerts/AlertFormats.h"
#include "base/Clock.h"
#include "base/ThreadContext.h"
#include "crypto/SecretBox.h"
#include "notify/MailMessage.h"
#include "notify/MailQueue.h"
#include "store/AlertChannelRepository.h"
#include "store/DbWorker.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcAlerts, "aicarpool.alerts")

struct AlertDispatcher::Delivery
{
    AlertChannelRow channel;
    AlertMessage message;
    QByteArray secret;
    Done done;
    int attempts = 1;
    int tried = 0;
    int backoffMs = 0;
    // Email: recipients still to hear back from, and the first failure.
    int mailsLeft = 0;
    QString mailError;
    bool counted = false; // in m_pending
};

AlertDispatcher::AlertDispatcher(DbWorker *db, const SecretBox *secrets, MailQueue *mailer,
                                 const Settings &settings, QObject *parent)
    : QObject(parent), m_db(db), m_secrets(secrets), m_mailer(mailer), m_settings(settings),
      m_http(std::make_unique<AlertHttpQueue>(settings.timeoutMs))
{
}

AlertDispatcher::~AlertDispatcher()
{
    stop();
}

void AlertDispatcher::stop()
{
    m_stopped = true;
    if (m_http)
        m_http->stop();
}

void AlertDispatcher::deliver(const AlertChannelRow &channel, const AlertMessage &message,
                              Done done, int attempts)
{
    auto d = std::make_shared<Delivery>();
    d->channel = channel;
    d->message = message;
    d->done = std::move(done);
    d->attempts = qMax(1, attempts > 0 ? attempts : m_settings.attempts);
    d->backoffMs = m_settings.backoffMs;
    ThreadContext::post(this, [this, d] { start(d); });
}

void AlertDispatcher::start(std::shared_ptr<Delivery> d)
{
    if (m_stopped)
        return;
    if (m_pending >= m_settings.maxPending) {
        finish(d, Outcome{false, QStringLiteral("too many alert deliveries in progress"), 0, 0});
        return;
    }
    if (!d->channel.secretSealed.isEmpty()) {
        const auto secret = m_secrets ? m_secrets->open(d->channel.secretSealed) : std::nullopt;
        if (!secret) {
            finish(d, Outcome{false,
                              QStringLiteral("the channel's secret cannot be decrypted with this "
                                             "master key; set it again"),
                              0, 0});
            return;
        }
        d->secret = *secret;
    }
    ++m_pending;
    d->counted = true;
    if (d->channel.type == QLatin1String("email"))
        sendMail(d);
    else
        attempt(d);
}

void AlertDispatcher::attempt(std::shared_ptr<Delivery> d)
{
    if (m_stopped)
        return;
    ++d->tried;
    // Built again for every attempt: the chat robots' signatures carry the time.
    AlertFormats::HttpPost post = AlertFormats::buildPost(d->channel.type, d->channel.url.toUtf8(),
                                                          d->secret, d->message, Clock::nowMs());
    // An enterprise's administrator must not reach the daemon's host or its private network
    // through a channel.
    post.publicAddressesOnly = d->channel.enterpriseId > 0 && !m_settings.privateTargetsForAll;
    const QPointer<AlertDispatcher> self(this);
    const bool queued = m_http->submit(std::move(post), [self, d](const AlertHttpQueue::Result &r) {
        ThreadContext::post(self, [self, d, r] {
            if (!self || self->m_stopped)
                return;
            Outcome o;
            o.attempts = d->tried;
            o.status = r.status;
            o.error = r.status == 0 ? r.error
                                    : AlertFormats::answerError(d->channel.type, r.status, r.body);
            o.sent = o.error.isEmpty();
            if (o.sent || d->tried >= d->attempts) {
                self->finish(d, o);
                return;
            }
            const int wait = d->backoffMs;
            d->backoffMs *= 2;
            QTimer::singleShot(wait, self, [self, d] {
                if (self)
                    self->attempt(d);
            });
        });
    });
    if (!queued)
        finish(d, Outcome{false, QStringLiteral("the alert sending queue is full"), d->tried, 0});
}

void AlertDispatcher::sendMail(std::shared_ptr<Delivery> d)
{
    if (!m_mailer || !m_mailer->settings().configured()) {
        finish(d, Outcome{false, QStringLiteral("no mail server is configured (set smtp_host)"), 0,
                          0});
        return;
    }
    if (d->channel.emails.isEmpty()) {
        finish(d, Outcome{false, QStringLiteral("the channel has no email addresses"), 0, 0});
        return;
    }
    d->mailsLeft = int(d->channel.emails.size());
    const QPointer<AlertDispatcher> self(this);
    for (const QString &to : std::as_const(d->channel.emails)) {
        MailMessage mail;
        mail.from = m_mailer->settings().from;
        mail.to = to;
        mail.subject = AlertFormats::emailSubject(d->message);
        mail.body = AlertFormats::emailBody(d->message);
        const QByteArray mime =
            mail.toMime(QDateTime::currentDateTimeUtc(),
                        MailMessage::newMessageId(MailMessage::address(mail.from)));
        const bool queued = m_mailer->submit(to, mime, [self, d](const MailQueue::Outcome &o) {
            ThreadContext::post(self, [self, d, o] {
                if (!self)
                    return;
                d->tried = qMax(d->tried, o.attempts);
                if (!o.sent && d->mailError.isEmpty())
                    d->mailError = o.error;
                if (--d->mailsLeft == 0)
                    self->finish(d, Outcome{d->mailError.isEmpty(), d->mailError, d->tried, 0});
            });
        });
        if (!queued) {
            if (d->mailError.isEmpty())
                d->mailError = QStringLiteral("the mail queue is full");
            if (--d->mailsLeft == 0)
                finish(d, Outcome{false, d->mailError, d->tried, 0});
        }
    }
}

void AlertDispatcher::finish(std::shared_ptr<Delivery> d, Outcome outcome)
{
    if (d->counted) {
        d->counted = false;
        --m_pending;
    }
    const qint64 channelId = d->channel.id;
    const qint64 at = Clock::nowMs();
    ++(outcome.sent ? m_sentTotal : m_failedTotal);
    if (!outcome.sent)
        qCWarning(lcAlerts).noquote() << QStringLiteral("alert channel %1 (%2): delivery failed "
                                                        "after %3 attempt(s): %4")
                                             .arg(channelId)
                                             .arg(d->channel.type)
                                             .arg(outcome.attempts)
                                             .arg(outcome.error);
    Done done = std::move(d->done);
    if (!m_db || channelId <= 0) {
        if (done)
            done(outcome);
        return;
    }
    m_db->post<bool>(
        [channelId, outcome, at](QSqlDatabase &db) {
            AlertChannelRepository(db).recordDelivery(channelId, outcome.sent, outcome.error, at);
            return true;
        },
        this,
        [done, outcome](bool) {
            if (done)
                done(outcome);
        },
        [done, outcome](const StoreError &) {
            if (done)
                done(outcome);
        });
}
