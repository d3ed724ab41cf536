// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/JsonTableModel.h"

#include <QDateTime>
#include <QLocale>

JsonTableModel::JsonTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void JsonTableModel::setColumns(const QList<Column> &columns)
{
    beginResetModel();
    m_columns = columns;
    endResetModel();
}

void JsonTableModel::setItems(const QJsonArray &items)
{
    beginResetModel();
    m_items.clear();
    m_items.reserve(items.size());
    for (const QJsonValue &v : items)
        m_items.append(v.toObject());
    endResetModel();
}

QJsonObject JsonTableModel::item(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : QJsonObject();
}

qint64 JsonTableModel::idAt(int row) const
{
    return item(row).value(QLatin1String("id")).toInteger(-1);
}

int JsonTableModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items.at(i).value(QLatin1String("id")).toInteger(-1) == id)
            return i;
    return -1;
}

QJsonObject JsonTableModel::itemById(qint64 id) const
{
    return item(rowOfId(id));
}

void JsonTableModel::upsert(const QJsonObject &item)
{
    const int row = rowOfId(item.value(QLatin1String("id")).toInteger(-1));
    if (row < 0) {
        beginInsertRows({}, int(m_items.size()), int(m_items.size()));
        m_items.append(item);
        endInsertRows();
        return;
    }
    // Keep fields merged in by the page (health, test results) that the API does not send.
    QJsonObject merged = item;
    const QJsonObject old = m_items.at(row);
    for (auto it = old.begin(); it != old.end(); ++it)
        if (it.key().startsWith(QLatin1Char('_')) && !merged.contains(it.key()))
            merged.insert(it.key(), it.value());
    m_items[row] = merged;
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void JsonTableModel::removeId(qint64 id)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
}

void JsonTableModel::merge(qint64 id, const QString &field, const QJsonValue &value)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    m_items[row].insert(field, value);
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void JsonTableModel::retranslate()
{
    if (!m_columns.isEmpty())
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (!m_items.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size() || index.column() >= m_columns.size())
        return {};
    const QJsonObject &item = m_items.at(index.row());
    const Column &column = m_columns.at(index.column());
    switch (role) {
    case IdRole:
        return item.value(QLatin1String("id")).toInteger(-1);
    case Qt::TextAlignmentRole:
        return column.numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole: {
        const QVariant v = column.value(item, SortRole);
        return v.isValid() ? v : column.value(item, Qt::DisplayRole);
    }
    default:
        return column.value(item, role);
    }
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < m_columns.size())
        return m_columns.at(section).title();
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString JsonTableModel::formatTime(const QJsonValue &isoTime)
{
    if (!isoTime.isString() || isoTime.toString().isEmpty())
        return QString();
    const QDateTime t = QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return isoTime.toString();
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

QString JsonTableModel::joinStrings(const QJsonValue &array, const QString &whenEmpty)
{
    QStringList out;
    const QJsonArray a = array.toArray();
    for (const QJsonValue &v : a)
        out << v.toString();
    return out.isEmpty() ? whenEmpty : out.join(QStringLiteral(", "));
}
