// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QList>
#include <QPair>

class QPieSeries;

// Cost by model as a pie: the largest slices by name, the rest as "Other".
class ModelCostChart : public QChartView
{
    Q_OBJECT
public:
    static constexpr int MaxSlices = 6;

    explicit ModelCostChart(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setOtherName(const QString &name) { m_otherName = name; }
    // (model, cost) in any order.
    void setModels(const QList<QPair<QString, double>> &costs);
    int sliceCount() const;

private:
    QPieSeries *m_series;
    QString m_otherName;
};
