// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QDateTime>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

// A line over the last minutes: x is the minute (epoch ms), y the value (requests per minute,
// error rate in percent, ...).
class MinuteSeriesChart : public QChartView
{
    Q_OBJECT
public:
    explicit MinuteSeriesChart(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setSeriesName(const QString &name);
    // points: (minute start in epoch ms, value), oldest first. yMin: the axis floor.
    void setPoints(const QList<QPointF> &points, double minimumTop = 1.0);
    int pointCount() const;
    double lastValue() const;

private:
    QLineSeries *m_series;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
};
