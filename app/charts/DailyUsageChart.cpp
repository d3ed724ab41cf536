// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/DailyUsageChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

DailyUsageChart::DailyUsageChart(QWidget *parent)
    : QChartView(parent), m_tokens(new QBarSet(QString())), m_cost(new QLineSeries),
      m_x(new QBarCategoryAxis), m_yTokens(new QValueAxis), m_yCost(new QValueAxis)
{
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    auto *bars = new QBarSeries;
    bars->append(m_tokens);
    c->addSeries(bars);
    c->addSeries(m_cost);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_yTokens, Qt::AlignLeft);
    c->addAxis(m_yCost, Qt::AlignRight);
    bars->attachAxis(m_x);
    bars->attachAxis(m_yTokens);
    m_cost->attachAxis(m_x);
    m_cost->attachAxis(m_yCost);
    m_yTokens->setLabelFormat(QStringLiteral("%.0f"));
    m_yCost->setLabelFormat(QStringLiteral("$%.2f"));
    m_yTokens->setMin(0);
    m_yCost->setMin(0);
    QPen pen = m_cost->pen();
    pen.setWidth(2);
    pen.setColor(QColor(0xd9, 0x6c, 0x1e));
    m_cost->setPen(pen);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    QFont small = m_x->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    m_x->setLabelsFont(small);
    m_x->setLabelsAngle(-90);
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
        categories.append(d.date.toString(QStringLiteral("MM-dd")));
        m_tokens->append(double(d.tokens));
        m_cost->append(i, d.cost);
        maxTokens = std::max(maxTokens, double(d.tokens));
        maxCost = std::max(maxCost, d.cost);
        m_totalTokens += d.tokens;
    }
    m_dayCount = int(days.size());
    m_x->setCategories(categories);
    m_yTokens->setMax(std::ceil(maxTokens * 1.1));
    m_yTokens->applyNiceNumbers();
    m_yCost->setMax(maxCost * 1.1);
}
