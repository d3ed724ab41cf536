// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <functional>

// A read-only table over the items of an admin-API list ({"items":[...]}), one row per item,
// identified by its "id". Each column is a function of the item, so a page describes its
// columns once and can merge extra data (e.g. an account's health) into an item later.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Column
    {
        std::function<QString()> title; // translated at call time (language switches)
        // Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, SortRole, ...
        std::function<QVariant(const QJsonObject &item, int role)> value;
        bool numeric = false; // right-aligned
    };
    // A value to sort by (numbers as numbers); falls back to the display text.
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;

    explicit JsonTableModel(QObject *parent = nullptr);

    void setColumns(const QList<Column> &columns);
    void setItems(const QJsonArray &items);
    const QList<QJsonObject> &items() const { return m_items; }
    QJsonObject item(int row) const;
    qint64 idAt(int row) const;
    int rowOfId(qint64 id) const;
    QJsonObject itemById(qint64 id) const;
    // Replaces the item with the same id, or appends it.
    void upsert(const QJsonObject &item);
    void removeId(qint64 id);
    // Sets item[field] = value on the item with that id (e.g. "health").
    void merge(qint64 id, const QString &field, const QJsonValue &value);
    // Headers changed language.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Helpers for column functions.
    static QString formatTime(const QJsonValue &isoTime); // local time, "" for null
    static QString joinStrings(const QJsonValue &array, const QString &whenEmpty);

private:
    QList<Column> m_columns;
    QList<QJsonObject> m_items;
};
