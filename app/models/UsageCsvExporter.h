// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CsvFormat.h"
#include "models/UsageQuery.h"

#include <QFile>
#include <QObject>

class ApiClient;

// Writes every row of a usage query to a CSV file without blocking the window: pages of 1000
// rows are requested one after the other and each is appended to the file when it arrives, from
// the event loop. The upper time bound is pinned after the first page so that calls recorded
// during the export are not written twice. Deleting the exporter (or cancel()) stops it and
// removes the partial file.
class UsageCsvExporter : public QObject
{
    Q_OBJECT
public:
    static constexpr int PageSize = 1000;

    UsageCsvExporter(ApiClient *api, const UsageQuery &query, const CsvFormat::Names &names,
                     const QString &fileName, QObject *parent = nullptr);
    ~UsageCsvExporter() override;

    // Opens the file and requests the first page; false (and an error message) if the file
    // cannot be written.
    bool start(QString *error);
    void cancel();
    qint64 written() const { return m_written; }
    qint64 total() const { return m_total; }

    // Appends one page answer ({"items","total"}); public so tests can drive it without a
    // daemon. Returns false when the export is over (done or failed).
    bool receivePage(const QJsonObject &answer);

signals:
    void progress(qint64 written, qint64 total);
    // ok false: error says why; the partial file was removed.
    void finished(bool ok, const QString &error);

private:
    void requestNext();
    void fail(const QString &message);

    ApiClient *m_api;
    UsageQuery m_query;
    CsvFormat::Names m_names;
    QFile m_file;
    qint64 m_written = 0;
    qint64 m_total = -1;
    int m_nextPage = 1;
    bool m_done = false;
};
