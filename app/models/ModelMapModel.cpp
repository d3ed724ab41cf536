// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ModelMapModel.h"

#include <QSet>

ModelMapModel::ModelMapModel(QObject *parent) : QAbstractTableModel(parent) {}

void ModelMapModel::setMap(const QJsonObject &map)
{
    beginResetModel();
    m_rows.clear();
    for (auto it = map.begin(); it != map.end(); ++it)
        m_rows.append({it.key(), it.value().toString()});
    endResetModel();
}

QJsonObject ModelMapModel::toJson() const
{
    QJsonObject out;
    for (const auto &row : m_rows) {
        const QString from = row.first.trimmed();
        const QString to = row.second.trimmed();
        if (from.isEmpty() && to.isEmpty())
            continue;
        out.insert(from, to);
    }
    return out;
}

QString ModelMapModel::validate() const
{
    QSet<QString> seen;
    for (int i = 0; i < m_rows.size(); ++i) {
        const QString from = m_rows.at(i).first.trimmed();
        const QString to = m_rows.at(i).second.trimmed();
        if (from.isEmpty() && to.isEmpty())
            continue;
        if (from.isEmpty())
            return tr("Row %1 of the model map has no client model name.").arg(i + 1);
        if (to.isEmpty())
            return tr("Row %1 of the model map (\"%2\") has no upstream model.")
                .arg(i + 1)
                .arg(from);
        if (seen.contains(from))
            return tr("The model map names \"%1\" twice; keep one row for it.").arg(from);
        seen.insert(from);
    }
    return QString();
}

int ModelMapModel::addRow()
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({QString(), QString()});
    endInsertRows();
    return row;
}

void ModelMapModel::removeRowAt(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int ModelMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ModelMapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelMapModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() ||
        (role != Qt::DisplayRole && role != Qt::EditRole))
        return {};
    const auto &row = m_rows.at(index.row());
    return index.column() == ClientModel ? row.first : row.second;
}

bool ModelMapModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_rows.size() || role != Qt::EditRole)
        return false;
    auto &row = m_rows[index.row()];
    (index.column() == ClientModel ? row.first : row.second) = value.toString();
    emit dataChanged(index, index);
    return true;
}

Qt::ItemFlags ModelMapModel::flags(const QModelIndex &index) const
{
    return QAbstractTableModel::flags(index) | Qt::ItemIsEditable;
}

QVariant ModelMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == ClientModel ? tr("Model the client asks for") : tr("Model sent upstream");
}
