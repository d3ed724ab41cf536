// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/DashboardPage.h"

#include "api/ApiClient.h"
#include "api/LiveUsageStream.h"
#include "charts/DailyUsageChart.h"
#include "charts/MinuteSeriesChart.h"
#include "charts/ModelCostChart.h"
#include "ui/ConsoleStartup.h"
#include "widgets/AccountHealthWidget.h"
#include "widgets/LiveTailWidget.h"

#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <cstdio>

namespace {

constexpr qint64 MinuteMs = 60 * 1000;

QLabel *kpiLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMargin(8);
    label->setTextFormat(Qt::RichText);
    return label;
}

} // namespace

DashboardPage::DashboardPage(ApiClient *api, QWidget *parent)
    : Page(api, parent), m_kpiRequests(kpiLabel(this)), m_kpiTokens(kpiLabel(this)),
      m_kpiCost(kpiLabel(this)), m_kpiErrors(kpiLabel(this)), m_updated(new QLabel(this)),
      m_healthBox(new QGroupBox(this)), m_tailBox(new QGroupBox(this)),
      m_requests(new MinuteSeriesChart(this)), m_errorRate(new MinuteSeriesChart(this)),
      m_daily(new DailyUsageChart(this)), m_models(new ModelCostChart(this)),
      m_health(new AccountHealthWidget(api, this)), m_tail(new LiveTailWidget(this)),
      m_live(new LiveUsageStream(api, this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    auto *kpis = new QHBoxLayout;
    kpis->addWidget(m_kpiRequests);
    kpis->addWidget(m_kpiTokens);
    kpis->addWidget(m_kpiCost);
    kpis->addWidget(m_kpiErrors);
    layout->addLayout(kpis);
    auto *charts = new QGridLayout;
    charts->addWidget(m_requests, 0, 0);
    charts->addWidget(m_errorRate, 0, 1);
    charts->addWidget(m_daily, 1, 0);
    charts->addWidget(m_models, 1, 1);
    layout->addLayout(charts, 3);
    auto *bottom = new QSplitter(Qt::Horizontal);
    auto *healthLayout = new QVBoxLayout(m_healthBox);
    healthLayout->addWidget(m_health);
    auto *tailLayout = new QVBoxLayout(m_tailBox);
    tailLayout->addWidget(m_tail);
    bottom->addWidget(m_healthBox);
    bottom->addWidget(m_tailBox);
    bottom->setStretchFactor(1, 2);
    bottom->setMinimumHeight(220);
    layout->addWidget(bottom, 2);
    layout->addWidget(m_updated);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    if (qEnvironmentVariableIsSet("AICARPOOL_CONSOLE_TIMING"))
        m_requests->viewport()->installEventFilter(this);
    m_refresh.setInterval(RefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &DashboardPage::reload);
    connect(m_live, &LiveUsageStream::call, this, &DashboardPage::onLiveCall);
    connect(m_live, &LiveUsageStream::connectedChanged, m_tail, &LiveTailWidget::setConnected);
    connect(api, &ApiClient::signedOut, this, [this] {
        m_live->stop();
        m_refresh.stop();
    });
    connect(api, &ApiClient::sessionExpired, m_live, &LiveUsageStream::stop);
    retranslate();
}

void DashboardPage::retranslate()
{
    m_requests->setTitle(tr("Requests per minute (last hour)"));
    m_requests->setSeriesName(tr("Requests"));
    m_errorRate->setTitle(tr("Error rate per minute (%)"));
    m_errorRate->setSeriesName(tr("Errors"));
    m_daily->setTitle(tr("Tokens and cost by day (last 30 days)"));
    m_daily->setNames(tr("Tokens"), tr("Cost (USD)"));
    m_models->setTitle(tr("Cost by model (last 30 days)"));
    m_models->setOtherName(tr("Other"));
    m_healthBox->setTitle(tr("Accounts"));
    m_tailBox->setTitle(tr("Live calls"));
    m_health->retranslate();
    m_tail->retranslate();
    renderKpis();
}

void DashboardPage::activate()
{
    reload();
    m_refresh.start();
    if (api()->currentRole() == QLatin1String("admin"))
        m_live->start();
}

void DashboardPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (api()->isSignedIn()) {
        m_refresh.start();
        if (api()->currentRole() == QLatin1String("admin"))
            m_live->start();
    }
}

void DashboardPage::hideEvent(QHideEvent *event)
{
    Page::hideEvent(event);
    m_refresh.stop();
    m_live->stop();
}

bool DashboardPage::eventFilter(QObject *watched, QEvent *event)
{
    // The request chart painted with data: the dashboard is on screen.
    if (watched == m_requests->viewport() && event->type() == QEvent::Paint && m_loaded &&
        !m_reportedFirstPaint) {
        m_reportedFirstPaint = true;
        std::fprintf(stderr,
                     "aicarpool-console: first dashboard with data painted %lld ms after start\n",
                     ConsoleStartup::msSinceProcessStart());
    }
    return Page::eventFilter(watched, event);
}

void DashboardPage::reload()
{
    if (m_pending > 0)
        return; // the previous refresh is still on its way
    m_loaded = false;
    m_pending = 4;
    loadMinutes();
    loadDays();
    loadModels();
    m_health->refresh([this] { partDone(); });
}

void DashboardPage::partDone()
{
    if (--m_pending > 0)
        return;
    m_updated->setText(
        tr("Updated %1")
            .arg(QLocale().toString(QDateTime::currentDateTime().time(), QLocale::ShortFormat)));
    m_loaded = true;
    m_requests->viewport()->update();
    emit loaded();
}

void DashboardPage::loadMinutes()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 firstMinute = (now / MinuteMs - (Minutes - 1)) * MinuteMs;
    // Two calls: the per-minute counts from the server, and the newest calls for the tail.
    m_pending += 1;
    QUrlQuery summary;
    summary.addQueryItem(QStringLiteral("groupBy"), QStringLiteral("minute"));
    summary.addQueryItem(QStringLiteral("from"), QString::number(firstMinute));
    api()->get(QStringLiteral("/api/usage/summary"), summary, this,
               [this, firstMinute](const ApiResult &r) {
                   if (r.ok()) {
                       m_minutes.clear();
                       for (qint64 m = firstMinute; m < firstMinute + Minutes * MinuteMs;
                            m += MinuteMs)
                           m_minutes.insert(m, Minute{});
                       const QJsonArray items = r.object().value(QLatin1String("items")).toArray();
                       for (const QJsonValue &v : items) {
                           const QJsonObject o = v.toObject();
                           const qint64 minute =
                               QDateTime::fromString(o.value(QLatin1String("group")).toString(),
                                                     Qt::ISODate)
                                   .toMSecsSinceEpoch();
                           auto it = m_minutes.find(minute);
                           if (it == m_minutes.end())
                               continue;
                           it->requests = int(o.value(QLatin1String("requests")).toInteger());
                           it->errors = int(o.value(QLatin1String("errors")).toInteger());
                       }
                       renderMinutes();
                   } else {
                       emit status(r.errorMessage);
                   }
                   partDone();
               });
    QUrlQuery recent;
    recent.addQueryItem(QStringLiteral("pageSize"), QString::number(LiveTailWidget::MaxRows));
    api()->get(QStringLiteral("/api/usage"), recent, this, [this](const ApiResult &r) {
        if (r.ok()) {
            QList<QJsonObject> rows;
            const QJsonArray items = r.object().value(QLatin1String("items")).toArray();
            for (const QJsonValue &v : items)
                rows.append(v.toObject());
            m_tail->setRecent(rows);
        } else {
            emit status(r.errorMessage);
        }
        partDone();
    });
}

void DashboardPage::countCall(const QJsonObject &row)
{
    const qint64 at =
        QDateTime::fromString(row.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    const qint64 minute = at / MinuteMs * MinuteMs;
    auto it = m_minutes.find(minute);
    if (it == m_minutes.end())
        return;
    ++it->requests;
    if (row.value(QLatin1String("status")).toInt() >= 400)
        ++it->errors;
}

void DashboardPage::onLiveCall(const QJsonObject &row)
{
    m_tail->addCall(row);
    const qint64 minute = QDateTime::currentMSecsSinceEpoch() / MinuteMs * MinuteMs;
    if (!m_minutes.isEmpty() && !m_minutes.contains(minute)) {
        // A new minute began: slide the window.
        m_minutes.insert(minute, Minute{});
        while (m_minutes.size() > Minutes)
            m_minutes.erase(m_minutes.begin());
    }
    countCall(row);
    renderMinutes();
}

bool DashboardPage::isLiveConnected() const
{
    return m_live->isConnected();
}

qint64 DashboardPage::requestsInLastHour() const
{
    qint64 n = 0;
    for (const Minute &m : m_minutes)
        n += m.requests;
    return n;
}

void DashboardPage::renderMinutes()
{
    QList<QPointF> requests;
    QList<QPointF> errors;
    int totalRequests = 0;
    int totalErrors = 0;
    for (auto it = m_minutes.cbegin(); it != m_minutes.cend(); ++it) {
        requests.append(QPointF(double(it.key()), it->requests));
        errors.append(
            QPointF(double(it.key()), it->requests ? 100.0 * it->errors / it->requests : 0.0));
        totalRequests += it->requests;
        totalErrors += it->errors;
    }
    m_requests->setPoints(requests, 5);
    m_errorRate->setPoints(errors, 5);
    m_kpiErrors->setText(
        tr("<b>Errors, last hour</b><br>%1 of %2 (%3%)")
            .arg(totalErrors)
            .arg(totalRequests)
            .arg(totalRequests ? 100.0 * totalErrors / totalRequests : 0.0, 0, 'f', 1));
}

void DashboardPage::loadDays()
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate first = today.addDays(-(Days - 1));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("groupBy"), QStringLiteral("day"));
    query.addQueryItem(QStringLiteral("from"), first.toString(Qt::ISODate));
    api()->get(QStringLiteral("/api/usage/summary"), query, this,
               [this, first, today](const ApiResult &r) {
                   if (r.ok()) {
                       QHash<QString, QJsonObject> byDay;
                       const QJsonArray items = r.object().value(QLatin1String("items")).toArray();
                       for (const QJsonValue &v : items)
                           byDay.insert(v.toObject().value(QLatin1String("group")).toString(),
                                        v.toObject());
                       QList<DailyUsageChart::Day> days;
                       for (QDate d = first; d <= today; d = d.addDays(1)) {
                           const QJsonObject o = byDay.value(d.toString(Qt::ISODate));
                           DailyUsageChart::Day day;
                           day.date = d;
                           for (const char *f : {"inputTokens", "outputTokens", "cacheWriteTokens",
                                                 "cacheReadTokens"})
                               day.tokens += o.value(QLatin1String(f)).toInteger();
                           day.cost = o.value(QLatin1String("cost")).toDouble();
                           days.append(day);
                       }
                       m_daily->setDays(days);
                       m_today = byDay.value(today.toString(Qt::ISODate));
                       renderKpis();
                   } else {
                       emit status(r.errorMessage);
                   }
                   partDone();
               });
}

void DashboardPage::loadModels()
{
    const QDate first = QDateTime::currentDateTimeUtc().date().addDays(-(Days - 1));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("groupBy"), QStringLiteral("model"));
    query.addQueryItem(QStringLiteral("from"), first.toString(Qt::ISODate));
    api()->get(QStringLiteral("/api/usage/summary"), query, this, [this](const ApiResult &r) {
        if (r.ok()) {
            QList<QPair<QString, double>> costs;
            const QJsonArray items = r.object().value(QLatin1String("items")).toArray();
            for (const QJsonValue &v : items) {
                const QJsonObject o = v.toObject();
                costs.append({o.value(QLatin1String("group")).toString(),
                              o.value(QLatin1String("cost")).toDouble()});
            }
            m_models->setModels(costs);
        } else {
            emit status(r.errorMessage);
        }
        partDone();
    });
}

void DashboardPage::renderKpis()
{
    const QLocale locale;
    qint64 tokens = 0;
    for (const char *f : {"inputTokens", "outputTokens", "cacheWriteTokens", "cacheReadTokens"})
        tokens += m_today.value(QLatin1String(f)).toInteger();
    m_kpiRequests->setText(
        tr("<b>Requests today</b><br>%1")
            .arg(locale.toString(m_today.value(QLatin1String("requests")).toInteger())));
    m_kpiTokens->setText(tr("<b>Tokens today</b><br>%1").arg(locale.toString(tokens)));
    m_kpiCost->setText(tr("<b>Cost today</b><br>$%1")
                           .arg(m_today.value(QLatin1String("cost")).toDouble(), 0, 'f', 2));
    if (m_kpiErrors->text().isEmpty())
        m_kpiErrors->setText(
            tr("<b>Errors, last hour</b><br>%1 of %2 (%3%)").arg(0).arg(0).arg(0.0, 0, 'f', 1));
}
