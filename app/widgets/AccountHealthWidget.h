// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QWidget>

#include <functional>

class ApiClient;
class QLabel;
class QTableWidget;

// The upstream accounts' health at a glance: a summary line (cooling down, needs attention,
// calls in flight) and one row per account, from GET /api/accounts and
// GET /api/accounts/{id}/health.
class AccountHealthWidget : public QWidget
{
    Q_OBJECT
public:
    // Health is asked for at most this many accounts per refresh.
    static constexpr int MaxAccounts = 200;

    AccountHealthWidget(ApiClient *api, QWidget *parent = nullptr);

    // Reloads; `done` runs once every answer arrived (or failed).
    void refresh(std::function<void()> done = {});
    void retranslate();

    int accountCount() const;
    int coolingDownCount() const { return m_cooling; }
    int needsAttentionCount() const { return m_attention; }
    int inFlightCount() const { return m_inFlight; }

private:
    void render();

    ApiClient *m_api;
    QLabel *m_summary;
    QTableWidget *m_table;
    QList<QJsonObject> m_accounts;
    QHash<qint64, QJsonObject> m_health;
    int m_cooling = 0;
    int m_attention = 0;
    int m_inFlight = 0;
    int m_generation = 0;
};
