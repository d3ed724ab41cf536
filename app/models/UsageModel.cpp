// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/UsageModel.h"

#include "api/ApiClient.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

UsageModel::UsageModel(ApiClient *api, QObject *parent) : QAbstractTableModel(parent), m_api(api) {}

void UsageModel::setQuery(const UsageQuery &query)
{
    m_query = query;
    reload();
}

void UsageModel::reload()
{
    reset();
    requestPage();
}

void UsageModel::setNames(const CsvFormat::Names &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Key), index(rowCount() - 1, Account));
}

void UsageModel::reset()
{
    const bool wasLoading = isLoading();
    delete m_calls;
    m_calls = nullptr;
    beginResetModel();
    m_rows.clear();
    m_rows.squeeze();
    m_strings.clear();
    m_total = -1;
    m_nextPage = 1;
    m_pinnedTo.reset();
    endResetModel();
    if (wasLoading)
        emit loadingChanged(false);
}

UsageQuery UsageModel::effectiveQuery() const
{
    UsageQuery q = m_query;
    if (m_pinnedTo && (!q.to || *m_pinnedTo < *q.to))
        q.to = m_pinnedTo;
    return q;
}

void UsageModel::requestPage()
{
    if (isLoading())
        return;
    m_calls = new QObject(this);
    emit loadingChanged(true);
    if (!m_api)
        return; // tests feed receivePage() themselves
    QObject *calls = m_calls;
    m_api->get(QStringLiteral("/api/usage"), effectiveQuery().pageQuery(m_nextPage, m_pageSize),
               calls, [this, calls](const ApiResult &result) {
                   if (calls != m_calls)
                       return;
                   if (!result.ok()) {
                       delete m_calls;
                       m_calls = nullptr;
                       emit loadingChanged(false);
                       emit failed(result.errorMessage);
                       return;
                   }
                   receivePage(result.object());
               });
}

void UsageModel::receivePage(const QJsonObject &answer)
{
    if (!m_calls)
        return;
    m_calls->deleteLater();
    m_calls = nullptr;
    const QJsonArray items = answer.value(QLatin1String("items")).toArray();
    const qint64 total = answer.value(QLatin1String("total")).toInteger();
    const bool first = m_nextPage == 1;
    ++m_nextPage;
    if (!items.isEmpty()) {
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at + int(items.size()) - 1);
        for (const QJsonValue &v : items) {
            UsageRow row = UsageRow::fromJson(v.toObject());
            // The same few providers, models and endpoints repeat on every row: share them.
            for (QString *text :
                 {&row.provider, &row.model, &row.upstreamModel, &row.endpoint, &row.errorType})
                intern(*text);
            m_rows.append(std::move(row));
        }
        endInsertRows();
        if (first && m_query.isNewestFirst())
            m_pinnedTo = QDateTime::fromMSecsSinceEpoch(m_rows.front().createdAtMs + 1, Qt::UTC);
    }
    // Pinned later pages count only the pinned set; the first page's total stays the truth
    // for the filter as shown.
    if (first || items.isEmpty()) {
        m_total = first ? total : m_rows.size();
        emit totalChanged(m_total);
    }
    emit loadingChanged(false);
    emit pageLoaded(int(items.size()));
}

void UsageModel::intern(QString &text)
{
    if (text.isEmpty()) {
        text = QString();
        return;
    }
    const auto it = m_strings.constFind(text);
    if (it != m_strings.constEnd())
        text = *it;
    else if (m_strings.size() < MaxInternedStrings)
        m_strings.insert(text);
}

int UsageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UsageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString UsageModel::nameOf(const QHash<qint64, QString> &names, qint64 id) const
{
    const QString name = names.value(id);
    return name.isEmpty() ? QStringLiteral("#%1").arg(id) : name;
}

QVariant UsageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const UsageRow &r = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole) {
        if (index.column() >= Status && index.column() <= Ttfb)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (r.isError() && (index.column() == Status || index.column() == Error))
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Model && !r.upstreamModel.isEmpty())
            return tr("Sent upstream as %1").arg(r.upstreamModel);
        if (index.column() == Time)
            return tr("Request %1").arg(r.requestId);
        if (index.column() == Status && r.attempts > 1)
            return tr("%n upstream attempts", nullptr, r.attempts);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Time:
        return locale.toString(QDateTime::fromMSecsSinceEpoch(r.createdAtMs).toLocalTime(),
                               QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Key:
        return nameOf(m_names.keys, r.keyId);
    case User:
        return nameOf(m_names.users, r.userId);
    case Account:
        return nameOf(m_names.accounts, r.accountId);
    case Provider:
        return r.provider;
    case Model:
        return r.model;
    case Endpoint:
        return r.stream ? tr("%1 (stream)").arg(r.endpoint) : r.endpoint;
    case Status:
        return r.status;
    case InputTokens:
        return locale.toString(r.inputTokens);
    case OutputTokens:
        return locale.toString(r.outputTokens);
    case CacheWriteTokens:
        return locale.toString(r.cacheWriteTokens);
    case CacheReadTokens:
        return locale.toString(r.cacheReadTokens);
    case Cost:
        return QStringLiteral("$") + locale.toString(r.cost, 'f', 4);
    case Latency:
        return tr("%1 ms").arg(locale.toString(r.latencyMs));
    case Ttfb:
        return r.ttfbMs < 0 ? QStringLiteral("–") : tr("%1 ms").arg(locale.toString(r.ttfbMs));
    case Error:
        return r.clientAborted ? tr("client closed") : r.errorType;
    default:
        return {};
    }
}

QVariant UsageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Key:
        return tr("Key");
    case User:
        return tr("User");
    case Account:
        return tr("Account");
    case Provider:
        return tr("Provider");
    case Model:
        return tr("Model");
    case Endpoint:
        return tr("Endpoint");
    case Status:
        return tr("Status");
    case InputTokens:
        return tr("Input");
    case OutputTokens:
        return tr("Output");
    case CacheWriteTokens:
        return tr("Cache write");
    case CacheReadTokens:
        return tr("Cache read");
    case Cost:
        return tr("Cost");
    case Latency:
        return tr("Latency");
    case Ttfb:
        return tr("First byte");
    case Error:
        return tr("Error");
    default:
        return {};
    }
}

bool UsageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_total >= 0 && m_rows.size() < m_total && !isLoading();
}

void UsageModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

QString UsageModel::sortField(int column)
{
    switch (column) {
    case Time:
        return QStringLiteral("createdAt");
    case Key:
        return QStringLiteral("keyId");
    case User:
        return QStringLiteral("userId");
    case Account:
        return QStringLiteral("accountId");
    case Provider:
        return QStringLiteral("provider");
    case Model:
        return QStringLiteral("model");
    case Endpoint:
        return QStringLiteral("endpoint");
    case Status:
        return QStringLiteral("status");
    case InputTokens:
        return QStringLiteral("inputTokens");
    case OutputTokens:
        return QStringLiteral("outputTokens");
    case CacheWriteTokens:
        return QStringLiteral("cacheWriteTokens");
    case CacheReadTokens:
        return QStringLiteral("cacheReadTokens");
    case Cost:
        return QStringLiteral("cost");
    case Latency:
        return QStringLiteral("latencyMs");
    case Ttfb:
        return QStringLiteral("ttfbMs");
    default:
        return QString();
    }
}

void UsageModel::sort(int column, Qt::SortOrder order)
{
    const QString field = sortField(column);
    if (field.isEmpty())
        return;
    const bool ascending = order == Qt::AscendingOrder;
    const QString current = m_query.sort.isEmpty() ? QStringLiteral("createdAt") : m_query.sort;
    if (current == field && m_query.ascending == ascending)
        return;
    m_query.sort = field;
    m_query.ascending = ascending;
    reload();
}
