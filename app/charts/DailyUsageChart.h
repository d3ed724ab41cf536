// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QDate>
#include <QList>

class QBarCategoryAxis;
class QDateTimeAxis;
class QBarSet;
class QLineSeries;
class QValueAxis;

// Tokens (bars, left axis) and cost (line, right axis) per day.
class DailyUsageChart : public QChartView
{
    Q_OBJECT
public:
    struct Day
    {
        QDate date;
        qint64 tokens = 0;
        double cost = 0;
    };

    explicit DailyUsageChart(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setNames(const QString &tokens, const QString &cost);
    void setDays(const QList<Day> &days);
    qint64 totalTokens() const { return m_totalTokens; }
    int dayCount() const { return m_dayCount; }

private:
    QBarSet *m_tokens;
    QLineSeries *m_cost;
    QBarCategoryAxis *m_x;  // the bars' slots, not shown
    QDateTimeAxis *m_dates; // the visible time axis, aligned with the slots
    QValueAxis *m_yTokens;
    QValueAxis *m_yCost;
    qint64 m_totalTokens = 0;
    int m_dayCount = 0;
};
