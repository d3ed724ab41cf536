// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/UsageCsvExporter.h"

#include "api/ApiClient.h"
#include "models/UsageRow.h"

UsageCsvExporter::UsageCsvExporter(ApiClient *api, const UsageQuery &query,
                                   const CsvFormat::Names &names, const QString &fileName,
                                   QObject *parent)
    : QObject(parent), m_api(api), m_query(query), m_names(names), m_file(fileName)
{
}

UsageCsvExporter::~UsageCsvExporter()
{
    if (!m_done)
        cancel();
}

bool UsageCsvExporter::start(QString *error)
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
        m_done = true;
        return false;
    }
    m_file.write(CsvFormat::line(CsvFormat::usageHeader()));
    requestNext();
    return true;
}

void UsageCsvExporter::cancel()
{
    if (m_done)
        return;
    m_done = true;
    m_file.close();
    m_file.remove();
}

void UsageCsvExporter::fail(const QString &message)
{
    cancel();
    emit finished(false, message);
}

void UsageCsvExporter::requestNext()
{
    if (!m_api)
        return;
    m_api->get(QStringLiteral("/api/usage"), m_query.pageQuery(m_nextPage, PageSize), this,
               [this](const ApiResult &result) {
                   if (m_done)
                       return;
                   if (!result.ok()) {
                       fail(result.errorMessage);
                       return;
                   }
                   if (receivePage(result.object()))
                       requestNext();
               });
}

bool UsageCsvExporter::receivePage(const QJsonObject &answer)
{
    if (m_done)
        return false;
    const QJsonArray items = answer.value(QLatin1String("items")).toArray();
    if (m_nextPage == 1)
        m_total = answer.value(QLatin1String("total")).toInteger();
    QByteArray chunk;
    UsageRow first;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const UsageRow row = UsageRow::fromJson(items.at(i).toObject());
        if (i == 0)
            first = row;
        chunk += CsvFormat::line(CsvFormat::usageFields(row, m_names));
    }
    if (m_file.write(chunk) != chunk.size()) {
        fail(tr("Cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return false;
    }
    m_written += items.size();
    if (m_nextPage == 1 && !items.isEmpty() && m_query.isNewestFirst()) {
        const QDateTime pin = QDateTime::fromMSecsSinceEpoch(first.createdAtMs + 1, Qt::UTC);
        if (!m_query.to || pin < *m_query.to)
            m_query.to = pin;
    }
    ++m_nextPage;
    emit progress(m_written, m_total);
    if (items.size() < PageSize || m_written >= m_total) {
        m_done = true;
        if (!m_file.flush()) {
            m_file.remove();
            emit finished(false,
                          tr("Cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
            return false;
        }
        m_file.close();
        emit finished(true, QString());
        return false;
    }
    return true;
}
