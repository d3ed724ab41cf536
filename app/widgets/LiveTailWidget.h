// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableWidget;

// The newest calls, newest on top, as they arrive from the live feed (bounded).
class LiveTailWidget : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxRows = 200;

    explicit LiveTailWidget(QWidget *parent = nullptr);

    void addCall(const QJsonObject &row);
    // Fills the tail from the newest ledger rows (newest first), e.g. on activation.
    void setRecent(const QList<QJsonObject> &newestFirst);
    void setConnected(bool connected);
    void retranslate();
    int rowCount() const;

private:
    void insertRow(int at, const QJsonObject &row);

    QLabel *m_state;
    QTableWidget *m_table;
    bool m_connected = false;
};
