// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/AlertEngine.h"

#include "alerts/AlertDispatcher.h"
#include "alerts/AlertRuleSpec.h"
#include "base/Clock.h"
#include "base/ThreadContext.h"
#include "store/AlertChannelRepository.h"
#include "store/AlertRuleRepository.h"
#include "store/DbWorker.h"
#include "store/IncidentRepository.h"

#include <QLoggingCategory>
#include <QPointer>

Q_DECLARE_LOGGING_CATEGORY(lcAlerts)

namespace {

struct Loaded
{
    QList<AlertRuleRow> rules;
    QList<IncidentRow> active;
    QHash<QString, qint64> lastOpened;
};

struct Notice
{
    AlertChannelRow channel;
    AlertMessage message;
};

AlertMessage messageFor(const AlertRuleRow &rule, const AlertEvaluator::Condition &c,
                        qint64 incidentId, qint64 atMs)
{
    AlertMessage m;
    m.incidentId = incidentId;
    m.ruleId = rule.id;
    m.ruleName = rule.name;
    m.kind = rule.kind;
    m.subject = c.subject;
    m.title = c.title;
    m.summary = c.summary;
    m.details = c.details;
    m.atMs = atMs;
    return m;
}

} // namespace

AlertEngine::AlertEngine(DbWorker *db, AlertDispatcher *dispatcher, QObject *parent)
    : QObject(parent), m_db(db), m_dispatcher(dispatcher)
{
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, [this] { evaluate(); });
}

AlertEngine::~AlertEngine()
{
    stop();
}

void AlertEngine::setIntervalMs(int ms)
{
    m_timer.setInterval(qMax(100, ms));
}

void AlertEngine::attachFeed(UsageFeed *feed)
{
    listen(false);
    m_feed = feed;
}

void AlertEngine::listen(bool on)
{
    if (m_feed && m_subscriber)
        m_feed->unsubscribe(m_subscriber);
    m_subscriber.reset();
    if (!on || !m_feed)
        return;
    const QPointer<AlertEngine> self(this);
    m_subscriber = m_feed->subscribe([self] {
        // Publishing thread: hand over to ours, once per burst.
        ThreadContext::post(self, [self] {
            if (self)
                self->drainFeed();
        });
    });
}

void AlertEngine::drainFeed()
{
    if (!m_subscriber)
        return;
    const qint64 now = Clock::nowMs();
    for (const QByteArray &event : m_subscriber->take()) {
        if (auto call = CallWindow::fromFeedEvent(event)) {
            call->atMs = now; // when it finished, as far as the window is concerned
            recordCall(*call);
        }
    }
    if (m_subscriber->isDropped()) {
        // Fell behind by more than the feed's bound: the missed calls are lost, keep going.
        qCWarning(lcAlerts) << "alerts fell behind the usage feed; some calls were not counted";
        listen(true);
    }
}

void AlertEngine::recordCall(const CallOutcome &call)
{
    m_calls.add(call);
}

void AlertEngine::start()
{
    m_timer.start();
}

void AlertEngine::stop()
{
    m_timer.stop();
    listen(false);
}

void AlertEngine::evaluate(std::function<void()> done)
{
    if (m_busy) {
        if (done)
            done();
        return;
    }
    m_busy = true;
    const qint64 startedAt = Clock::nowMs();
    const QPointer<AlertEngine> self(this);
    auto finishRound = [self, done] {
        if (self) {
            self->m_busy = false;
            ++self->m_rounds;
            Q_EMIT self->evaluated();
        }
        if (done)
            done();
    };
    auto failed = [finishRound](const StoreError &e) {
        qCWarning(lcAlerts).noquote() << QStringLiteral("alert evaluation: %1").arg(e.message());
        finishRound();
    };
    m_db->post<Loaded>(
        [startedAt](QSqlDatabase &db) {
            Loaded l;
            l.rules = AlertRuleRepository(db).listEnabled();
            IncidentRepository incidents(db);
            l.active = incidents.active();
            l.lastOpened = incidents.lastOpened(startedAt - AlertRuleSpec::MaxCooldownSecs * 1000);
            return l;
        },
        this,
        [this, finishRound, failed](const Loaded &loaded) {
            const qint64 now = Clock::nowMs();
            bool callRules = false;
            for (const AlertRuleRow &r : loaded.rules)
                callRules = callRules || r.kind == QLatin1String("error_rate") ||
                            r.kind == QLatin1String("latency_p95");
            if (callRules != listening())
                listen(callRules);
            m_calls.prune(now);
            AlertEvaluator::Observation o;
            if (m_providers.budgets)
                o.budgets = m_providers.budgets(now);
            if (m_providers.quotas)
                o.quotas = m_providers.quotas(now);
            if (m_providers.accounts)
                o.accounts = m_providers.accounts(now);
            o.calls = &m_calls;
            const AlertEvaluator::Plan plan =
                AlertEvaluator::plan(loaded.rules, o, loaded.active, loaded.lastOpened, now);
            if (plan.open.isEmpty() && plan.refresh.isEmpty() && plan.resolve.isEmpty()) {
                finishRound();
                return;
            }
            QHash<qint64, AlertRuleRow> rules;
            for (const AlertRuleRow &r : loaded.rules)
                rules.insert(r.id, r);
            m_db->post<QList<Notice>>(
                [plan, rules, now](QSqlDatabase &db) {
                    IncidentRepository incidents(db);
                    AlertChannelRepository channels(db);
                    QList<Notice> notices;
                    for (const AlertEvaluator::Condition &c : plan.open) {
                        const AlertRuleRow rule = rules.value(c.ruleId);
                        IncidentRow row;
                        row.enterpriseId = rule.enterpriseId;
                        row.ruleId = rule.id;
                        row.subject = c.subject;
                        row.summary = c.summary;
                        row.details = c.details;
                        row.openedAtMs = now;
                        std::optional<IncidentRepository::ThresholdClaim> claim;
                        if (c.claim)
                            claim = IncidentRepository::ThresholdClaim{
                                c.claim->budgetId, c.claim->periodStartMs, c.claim->threshold};
                        const qint64 id = incidents.open(row, claim);
                        if (id == 0)
                            continue; // fired already this period, or another daemon opened it
                        for (qint64 channelId : rule.channelIds) {
                            const auto channel = channels.get(channelId);
                            if (channel && channel->enabled)
                                notices.append(Notice{*channel, messageFor(rule, c, id, now)});
                        }
                    }
                    for (const auto &[id, c] : plan.refresh)
                        incidents.refresh(id, c.summary, c.details, now);
                    for (qint64 id : plan.resolve)
                        incidents.resolve(id, 0, now);
                    return notices;
                },
                this,
                [this, finishRound](const QList<Notice> &notices) {
                    for (const Notice &n : notices)
                        m_dispatcher->deliver(n.channel, n.message);
                    finishRound();
                },
                failed);
        },
        failed);
}
