// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/MinuteSeriesChart.h"

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

MinuteSeriesChart::MinuteSeriesChart(QWidget *parent)
    : QChartView(parent), m_series(new QLineSeries), m_x(new QDateTimeAxis), m_y(new QValueAxis)
{
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->hide();
    c->addSeries(m_series);
    m_x->setFormat(QStringLiteral("HH:mm"));
    m_x->setTickCount(7);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setMin(0);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    QPen pen = m_series->pen();
    pen.setWidth(2);
    m_series->setPen(pen);
    c->setMargins(QMargins(4, 4, 4, 4));
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
}

void MinuteSeriesChart::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

void MinuteSeriesChart::setSeriesName(const QString &name)
{
    m_series->setName(name);
}

void MinuteSeriesChart::setPoints(const QList<QPointF> &points, double minimumTop)
{
    m_series->replace(points);
    double top = minimumTop;
    for (const QPointF &p : points)
        top = std::max(top, p.y());
    m_y->setMax(std::ceil(top * 1.1));
    m_y->applyNiceNumbers();
    if (!points.isEmpty()) {
        m_x->setMin(QDateTime::fromMSecsSinceEpoch(qint64(points.first().x())));
        m_x->setMax(QDateTime::fromMSecsSinceEpoch(qint64(points.last().x())));
    }
}

int MinuteSeriesChart::pointCount() const
{
    return int(m_series->count());
}

double MinuteSeriesChart::lastValue() const
{
    return m_series->count() ? m_series->at(m_series->count() - 1).y() : 0.0;
}
