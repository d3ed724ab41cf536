// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CsvFormat.h"
#include "models/UsageQuery.h"
#include "models/UsageRow.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

class ApiClient;
struct ApiResult;

// The usage ledger as a table with server-side paging, sorting and filtering: rows arrive a
// page at a time through canFetchMore()/fetchMore() as the view scrolls; sort() and setQuery()
// ask the daemon again (GET /api/usage?...&sort&order&page&pageSize). A query change cancels the
// page in flight. In the default newest-first order the later pages are pinned below the first
// row's time, so calls recorded while scrolling do not shift or repeat rows.
class UsageModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Key,
        User,
        Account,
        Provider,
        Model,
        Endpoint,
        Status,
        InputTokens,
        OutputTokens,
        CacheWriteTokens,
        CacheReadTokens,
        Cost,
        Latency,
        Ttfb,
        Error,
        ColumnCount
    };
    static constexpr int DefaultPageSize = 1000;

    explicit UsageModel(ApiClient *api, QObject *parent = nullptr);

    // Replaces the filter/order and loads the first page.
    void setQuery(const UsageQuery &query);
    UsageQuery query() const { return m_query; }
    void reload();
    void setPageSize(int rows) { m_pageSize = qBound(1, rows, 1000); }
    int pageSize() const { return m_pageSize; }
    void setNames(const CsvFormat::Names &names);

    qint64 total() const { return m_total; } // -1 before the first page
    bool isLoading() const { return m_calls != nullptr; }
    const UsageRow &usageRow(int row) const { return m_rows.at(row); }
    // The API sort field of a column, empty when the column cannot be sorted.
    static QString sortField(int column);
    // The pinned query used for pages after the first (exposed for tests).
    UsageQuery effectiveQuery() const;

    // Applies the answer to the page request in flight (public so tests can feed answers).
    void receivePage(const QJsonObject &answer);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    void loadingChanged(bool loading);
    void totalChanged(qint64 total);
    void pageLoaded(int rows);
    void failed(const QString &message);

private:
    void reset();
    void requestPage();
    QString nameOf(const QHash<qint64, QString> &names, qint64 id) const;
    void intern(QString &text);

    ApiClient *m_api;
    UsageQuery m_query;
    std::optional<QDateTime> m_pinnedTo;
    CsvFormat::Names m_names;
    QList<UsageRow> m_rows;
    QSet<QString> m_strings; // shared copies of repeated texts (bounded)
    static constexpr qsizetype MaxInternedStrings = 10000;
    qint64 m_total = -1;
    int m_nextPage = 1;
    int m_pageSize = DefaultPageSize;
    QObject *m_calls = nullptr; // context of the page request in flight; deleting it cancels
};
