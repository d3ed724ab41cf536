// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/Page.h"

#include <QJsonObject>
#include <QMap>
#include <QTimer>

class AccountHealthWidget;
class DailyUsageChart;
class LiveTailWidget;
class LiveUsageStream;
class MinuteSeriesChart;
class ModelCostChart;
class QGroupBox;
class QLabel;

// The dashboard: requests per minute and error rate over the last hour, tokens and cost per day
// over 30 days, cost by model, the accounts' health and a live tail of calls. Refreshes itself
// every RefreshMs while shown; the live feed updates the tail and the current minute at once.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    static constexpr int RefreshMs = 30000;
    static constexpr int Minutes = 60;
    static constexpr int Days = 30;

    explicit DashboardPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("dashboard"); }
    QString title() const override { return tr("Dashboard"); }
    void activate() override;
    void retranslate() override;
    bool isLoaded() const override { return m_loaded; }

    // For tests: what the charts and the tail show.
    MinuteSeriesChart *requestsChart() const { return m_requests; }
    DailyUsageChart *dailyChart() const { return m_daily; }
    ModelCostChart *modelChart() const { return m_models; }
    LiveTailWidget *liveTail() const { return m_tail; }
    AccountHealthWidget *accountHealth() const { return m_health; }
    qint64 requestsInLastHour() const;
    bool isLiveConnected() const;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Minute
    {
        int requests = 0;
        int errors = 0;
    };

    void reload();
    void partDone();
    void loadMinutes();
    void loadDays();
    void loadModels();
    void onLiveCall(const QJsonObject &row);
    void countCall(const QJsonObject &row);
    void renderMinutes();
    void renderKpis();

    QLabel *m_kpiRequests;
    QLabel *m_kpiTokens;
    QLabel *m_kpiCost;
    QLabel *m_kpiErrors;
    QLabel *m_updated;
    QGroupBox *m_healthBox;
    QGroupBox *m_tailBox;
    MinuteSeriesChart *m_requests;
    MinuteSeriesChart *m_errorRate;
    DailyUsageChart *m_daily;
    ModelCostChart *m_models;
    AccountHealthWidget *m_health;
    LiveTailWidget *m_tail;
    LiveUsageStream *m_live;
    QTimer m_refresh;
    QMap<qint64, Minute> m_minutes; // minute start (epoch ms) -> counts
    QJsonObject m_today;
    int m_pending = 0;
    bool m_loaded = false;
    bool m_reportedFirstPaint = false;
};
