// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QPair>

// The editable model map of an account: model name the client sends -> model sent upstream.
// Rows may be incomplete while the user types; validate() says what is wrong before saving.
class ModelMapModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ClientModel,
        UpstreamModel,
        ColumnCount
    };

    explicit ModelMapModel(QObject *parent = nullptr);

    void setMap(const QJsonObject &map);
    // The map as the API takes it (trimmed; blank rows are skipped).
    QJsonObject toJson() const;
    // Empty when the map can be saved, else a readable reason.
    QString validate() const;
    // Appends an empty row and returns its index.
    int addRow();
    void removeRowAt(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<QPair<QString, QString>> m_rows;
};
