// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

// Draws a budget's use as a bar: the cell's FractionRole (spent / amount, may exceed 1) fills
// the bar, its display text is written on it; the bar turns amber from 80 % and red once the
// budget is spent.
class SpentBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int FractionRole = Qt::UserRole + 20;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};
