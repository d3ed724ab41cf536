// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/DailyUsageChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

DailyUsageChart::DailyUsageChart(QWidget *parent)
    : QChartView(parent), m_tokens(new QBarSet(QString())), m_cost(new QLineSeries),
      m_x(new QBarCategoryAxis), m_dates(new QDateTimeAxis), m_yTokens(new QValueAxis),
      m_yCost(new QValueAxis)
{
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    auto *bars = new QBarSeries;
    bars->append(m_tokens);
    c->addSeries(bars);
    c->addSeries(m_cost);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_dates, Qt::AlignBottom);
    c->addAxis(m_yTokens, Qt::AlignLeft);
    c->addAxis(m_yCost, Qt::AlignRight);
    bars->attachAxis(m_x);
    bars->attachAxis(m_yTokens);
    m_cost->attachAxis(m_dates);
    m_cost->attachAxis(m_yCost);
    m_yTokens->setLabelFormat(QStringLiteral("%.0f"));
    m_yCost->setLabelFormat(QStringLiteral("$%.3f"));
    m_yTokens->setMin(0);
    m_yCost->setMin(0);
    QPen pen = m_cost->pen();
    pen.setWidth(2);
    pen.setColor(QColor(0xd9, 0x6c, 0x1e));
    m_cost->setPen(pen);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_x->setVisible(false);
    m_dates->setFormat(QStringLiteral("MM-dd"));
    m_dates->setTickCount(6);
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
}

void DailyUsageChart::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

void DailyUsageChart::setNames(const QString &tokens, const QString &cost)
{
    m_tokens->setLabel(tokens);
    m_cost->setName(cost);
}

void DailyUsageChart::setDays(const QList<Day> &days)
{
    m_tokens->remove(0, int(m_tokens->count()));
    m_cost->clear();
    QStringList categories;
    double maxTokens = 10;
    double maxCost = 0.01;
    m_totalTokens = 0;
    for (int i = 0; i < days.size(); ++i) {
        const Day &d = days[i];
        // The day of the month: unique over 30 days and short enough for every bar.
        categories.append(QString::number(d.date.day()));
        m_tokens->append(double(d.tokens));
        // At noon UTC: the middle of the day's bar.
        m_cost->append(double(QDateTime(d.date, QTime(12, 0), Qt::UTC).toMSecsSinceEpoch()),
                       d.cost);
        maxTokens = std::max(maxTokens, double(d.tokens));
        maxCost = std::max(maxCost, d.cost);
        m_totalTokens += d.tokens;
    }
    m_dayCount = int(days.size());
    m_x->setCategories(categories);
    if (!days.isEmpty()) {
        m_dates->setRange(QDateTime(days.first().date, QTime(0, 0), Qt::UTC),
                          QDateTime(days.last().date.addDays(1), QTime(0, 0), Qt::UTC));
    }
    m_yTokens->setMax(std::ceil(maxTokens * 1.1));
    m_yTokens->applyNiceNumbers();
    m_yCost->setMax(maxCost * 1.1);
}
