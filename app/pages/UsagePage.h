// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CsvFormat.h"
#include "models/UsageQuery.h"
#include "pages/Page.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class UsageCsvExporter;
class UsageModel;

// The usage ledger: a filter (time range, key, user, account, model), the totals and two charts
// of the filtered set (cost by day, cost by model), and the rows in a table that pages from
// the daemon as it scrolls and sorts on the daemon when a header is clicked. "Export CSV"
// streams every filtered row to a file page by page without blocking the window.
class UsagePage : public Page
{
    Q_OBJECT
public:
    explicit UsagePage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("usage"); }
    QString title() const override { return tr("Usage"); }
    void activate() override;
    void retranslate() override;
    bool isLoaded() const override { return m_loaded; }

    UsageModel *usageModel() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    // The query the filter widgets describe.
    UsageQuery filterQuery() const;
    // Sets the filter widgets to `query` and loads it.
    void applyQuery(const UsageQuery &query);
    // Starts writing the filtered rows to `fileName`; false (with a message) if it cannot.
    bool exportCsv(const QString &fileName);
    bool isExporting() const { return !m_exporter.isNull(); }
    QString totalsText() const;

signals:
    void exportFinished(bool ok, const QString &error);

private:
    void buildUi();
    void retranslateUi();
    void loadNames();
    void fillChoosers();
    void rangeChanged();
    void apply();
    void loadSummaries();
    void showDaily(const QJsonArray &days);
    void showModels(const QJsonArray &models);
    void showTotals(const QJsonObject &totals);
    void updateCount();
    void chooseExportFile();
    void pieceLoaded();

    UsageModel *m_model;
    CsvFormat::Names m_names;
    QJsonArray m_keys;
    QJsonArray m_users;
    QJsonArray m_accounts;
    QStringList m_modelNames;
    QPointer<UsageCsvExporter> m_exporter;
    int m_pendingPieces = 0;
    int m_summaryGeneration = 0;
    bool m_loaded = false;
    bool m_activated = false;

    QLabel *m_rangeLabel = nullptr;
    QComboBox *m_range = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QLabel *m_keyLabel = nullptr;
    QComboBox *m_key = nullptr;
    QLabel *m_userLabel = nullptr;
    QComboBox *m_user = nullptr;
    QLabel *m_accountLabel = nullptr;
    QComboBox *m_account = nullptr;
    QLabel *m_modelLabel = nullptr;
    QComboBox *m_modelName = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_export = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_count = nullptr;
    QChart *m_dailyChart = nullptr;
    QChart *m_modelChart = nullptr;
    QChartView *m_dailyView = nullptr;
    QChartView *m_modelView = nullptr;
    QTableView *m_table = nullptr;
    QJsonObject m_lastTotals;
};
