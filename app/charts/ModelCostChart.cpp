// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/ModelCostChart.h"

#include <QPieSeries>
#include <QPieSlice>

#include <algorithm>

ModelCostChart::ModelCostChart(QWidget *parent) : QChartView(parent), m_series(new QPieSeries)
{
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    c->addSeries(m_series);
    c->legend()->setAlignment(Qt::AlignRight);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_series->setPieSize(0.8);
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
}

void ModelCostChart::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

void ModelCostChart::setModels(const QList<QPair<QString, double>> &costs)
{
    QList<QPair<QString, double>> sorted = costs;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto &a, const auto &b) { return a.second > b.second; });
    m_series->clear();
    double other = 0;
    for (int i = 0; i < sorted.size(); ++i) {
        if (sorted[i].second <= 0)
            continue;
        if (i < MaxSlices - 1 || sorted.size() == MaxSlices) {
            auto *slice = m_series->append(
                QStringLiteral("%1  $%2").arg(sorted[i].first).arg(sorted[i].second, 0, 'f', 2),
                sorted[i].second);
            slice->setLabelVisible(false);
        } else {
            other += sorted[i].second;
        }
    }
    if (other > 0)
        m_series->append(QStringLiteral("%1  $%2").arg(m_otherName).arg(other, 0, 'f', 2), other);
}

int ModelCostChart::sliceCount() const
{
    return int(m_series->count());
}
