// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/UsagePage.h"

#include "api/ApiClient.h"
#include "models/UsageCsvExporter.h"
#include "models/UsageModel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace {
enum Range
{
    AllTime,
    Today,
    Last24Hours,
    Last7Days,
    Last30Days,
    Custom
};
constexpr int MaxModelBars = 8;
constexpr int MaxDayBars = 31;

// Axis labels with enough decimals to tell the ticks apart on small amounts.
QString costFormat(double max)
{
    if (max >= 10)
        return QStringLiteral("$%.0f");
    if (max >= 0.1)
        return QStringLiteral("$%.2f");
    if (max >= 0.001)
        return QStringLiteral("$%.4f");
    return QStringLiteral("$%.6f");
}

QString money(double v)
{
    return QStringLiteral("$") + QLocale().toString(v, 'f', v < 10 ? 4 : 2);
}
} // namespace

UsagePage::UsagePage(ApiClient *api, QWidget *parent)
    : Page(api, parent), m_model(new UsageModel(api, this))
{
    setObjectName(QStringLiteral("usagePage"));
    buildUi();
    retranslateUi();
    connect(m_model, &UsageModel::totalChanged, this, &UsagePage::updateCount);
    connect(m_model, &UsageModel::pageLoaded, this, &UsagePage::updateCount);
    connect(m_model, &UsageModel::failed, this, [this](const QString &message) {
        m_count->setText(tr("Could not load the usage: %1").arg(message));
        if (!m_loaded && m_pendingPieces > 0)
            pieceLoaded();
    });
    connect(m_model, &UsageModel::pageLoaded, this, [this] {
        if (!m_loaded && m_pendingPieces > 0)
            pieceLoaded();
    });
    connect(m_model, &UsageModel::loadingChanged, this,
            [this](bool loading) { m_apply->setEnabled(!loading); });
}

void UsagePage::buildUi()
{
    m_rangeLabel = new QLabel(this);
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("range"));
    m_from = new QDateTimeEdit(this);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = new QDateTimeEdit(this);
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    m_from->setDateTime(QDateTime(QDate::currentDate().addDays(-7), QTime(0, 0)));
    m_to->setDateTime(QDateTime(QDate::currentDate().addDays(1), QTime(0, 0)));
    m_keyLabel = new QLabel(this);
    m_key = new QComboBox(this);
    m_key->setObjectName(QStringLiteral("keyFilter"));
    m_userLabel = new QLabel(this);
    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("userFilter"));
    m_accountLabel = new QLabel(this);
    m_account = new QComboBox(this);
    m_account->setObjectName(QStringLiteral("accountFilter"));
    m_modelLabel = new QLabel(this);
    m_modelName = new QComboBox(this);
    m_modelName->setObjectName(QStringLiteral("modelFilter"));
    m_modelName->setEditable(true);
    for (QComboBox *box : {m_key, m_user, m_account, m_modelName}) {
        box->setMinimumContentsLength(14);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    }
    m_apply = new QPushButton(this);
    m_apply->setObjectName(QStringLiteral("apply"));
    m_apply->setDefault(true);
    m_reset = new QPushButton(this);
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("exportCsv"));
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setMaximumWidth(160);
    m_exportProgress->hide();
    connect(m_range, &QComboBox::activated, this, &UsagePage::rangeChanged);
    connect(m_apply, &QPushButton::clicked, this, &UsagePage::apply);
    connect(m_reset, &QPushButton::clicked, this, [this] { applyQuery(UsageQuery()); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        if (m_exporter) {
            m_exporter->cancel();
            m_exporter->deleteLater();
            m_exportProgress->hide();
            retranslateUi();
            return;
        }
        chooseExportFile();
    });

    auto *filter = new QGridLayout;
    filter->addWidget(m_rangeLabel, 0, 0);
    filter->addWidget(m_range, 0, 1);
    filter->addWidget(m_from, 0, 2);
    filter->addWidget(m_to, 0, 3);
    filter->addWidget(m_keyLabel, 1, 0);
    filter->addWidget(m_key, 1, 1);
    filter->addWidget(m_userLabel, 1, 2);
    filter->addWidget(m_user, 1, 3);
    filter->addWidget(m_accountLabel, 1, 4);
    filter->addWidget(m_account, 1, 5);
    filter->addWidget(m_modelLabel, 0, 4);
    filter->addWidget(m_modelName, 0, 5);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    buttons->addWidget(m_exportProgress);
    buttons->addWidget(m_export);
    filter->addLayout(buttons, 2, 0, 1, 6);
    filter->setColumnStretch(6, 1);

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("totals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("count"));

    m_dailyChart = new QChart;
    m_dailyChart->legend()->hide();
    m_dailyChart->setMargins(QMargins(4, 4, 4, 4));
    m_dailyView = new QChartView(m_dailyChart, this);
    m_dailyView->setRenderHint(QPainter::Antialiasing);
    m_dailyView->setMinimumHeight(180);
    m_modelChart = new QChart;
    m_modelChart->legend()->hide();
    m_modelChart->setMargins(QMargins(4, 4, 4, 4));
    m_modelView = new QChartView(m_modelChart, this);
    m_modelView->setRenderHint(QPainter::Antialiasing);
    m_modelView->setMinimumHeight(180);
    auto *charts = new QWidget(this);
    auto *chartsLayout = new QHBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(m_dailyView, 3);
    chartsLayout->addWidget(m_modelView, 2);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("usageTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, so 100,000 of them scroll smoothly.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSortIndicator(UsageModel::Time, Qt::DescendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true); // sort() asks the daemon
    const QFontMetrics metrics = m_table->fontMetrics();
    const int pad = 3 * metrics.averageCharWidth();
    m_table->setColumnWidth(UsageModel::Time,
                            metrics.horizontalAdvance(QStringLiteral("8888-88-88 88:88:88")) + pad);
    m_table->setColumnWidth(
        UsageModel::Endpoint,
        metrics.horizontalAdvance(QStringLiteral("/v1/chat/completions (stream)")) + pad);
    m_table->setColumnWidth(
        UsageModel::Model,
        metrics.horizontalAdvance(QStringLiteral("claude-sonnet-4-5-20250929")) + pad);

    auto *tableBox = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_totals);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_count);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(charts);
    splitter->addWidget(tableBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filter);
    layout->addWidget(splitter, 1);
    m_range->setCurrentIndex(AllTime);
}

void UsagePage::retranslateUi()
{
    const int range = qMax(0, m_range->currentIndex());
    m_range->clear();
    m_range->addItems({tr("All time"), tr("Today"), tr("Last 24 hours"), tr("Last 7 days"),
                       tr("Last 30 days"), tr("Custom")});
    m_range->setCurrentIndex(range);
    m_from->setEnabled(range == Custom);
    m_to->setEnabled(range == Custom);
    m_rangeLabel->setText(tr("Time:"));
    m_keyLabel->setText(tr("Key:"));
    m_userLabel->setText(tr("User:"));
    m_accountLabel->setText(tr("Account:"));
    m_modelLabel->setText(tr("Model:"));
    m_modelName->lineEdit()->setPlaceholderText(tr("Any model"));
    m_apply->setText(tr("Apply"));
    m_reset->setText(tr("Reset"));
    m_export->setText(m_exporter ? tr("Cancel export") : tr("Export CSV..."));
    m_dailyChart->setTitle(tr("Cost by day (UTC)"));
    m_modelChart->setTitle(tr("Cost by model"));
    fillChoosers();
    showTotals(m_lastTotals);
    updateCount();
}

void UsagePage::retranslate()
{
    retranslateUi();
    m_model->headerDataChanged(Qt::Horizontal, 0, UsageModel::ColumnCount - 1);
}

void UsagePage::activate()
{
    if (!m_activated) {
        m_activated = true;
        loadNames();
        return;
    }
    m_loaded = false;
    apply();
}

void UsagePage::loadNames()
{
    // Names for the choosers and the table; the first query runs once they are in.
    auto pending = std::make_shared<int>(3);
    auto step = [this, pending] {
        if (--*pending > 0)
            return;
        for (const QJsonValue &v : std::as_const(m_keys))
            m_names.keys.insert(v.toObject().value(QLatin1String("id")).toInteger(),
                                v.toObject().value(QLatin1String("name")).toString());
        for (const QJsonValue &v : std::as_const(m_users)) {
            const QJsonObject u = v.toObject();
            const QString name = u.value(QLatin1String("name")).toString();
            m_names.users.insert(u.value(QLatin1String("id")).toInteger(),
                                 name.isEmpty() ? u.value(QLatin1String("email")).toString()
                                                : name);
        }
        for (const QJsonValue &v : std::as_const(m_accounts))
            m_names.accounts.insert(v.toObject().value(QLatin1String("id")).toInteger(),
                                    v.toObject().value(QLatin1String("name")).toString());
        m_model->setNames(m_names);
        fillChoosers();
        apply();
    };
    auto list = [this, step](QJsonArray *target) {
        return [step, target](const ApiResult &r) {
            if (r.ok())
                *target = r.object().value(QLatin1String("items")).toArray();
            step();
        };
    };
    api()->get(QStringLiteral("/api/keys"), {}, this, list(&m_keys));
    api()->get(QStringLiteral("/api/users"), {}, this, list(&m_users));
    api()->get(QStringLiteral("/api/accounts"), {}, this, list(&m_accounts));
}

void UsagePage::fillChoosers()
{
    auto fill = [this](QComboBox *box, const QJsonArray &items, const QString &all,
                       const QHash<qint64, QString> &names) {
        const qint64 current = box->currentData().toLongLong();
        box->clear();
        box->addItem(all, qint64(0));
        for (const QJsonValue &v : items) {
            const qint64 id = v.toObject().value(QLatin1String("id")).toInteger();
            box->addItem(names.value(id, QStringLiteral("#%1").arg(id)), id);
        }
        box->setCurrentIndex(qMax(0, box->findData(current)));
    };
    fill(m_key, m_keys, tr("Any key"), m_names.keys);
    fill(m_user, m_users, tr("Any user"), m_names.users);
    fill(m_account, m_accounts, tr("Any account"), m_names.accounts);
    const QString model = m_modelName->currentText();
    m_modelName->clear();
    m_modelName->addItem(QString());
    m_modelName->addItems(m_modelNames);
    m_modelName->setCurrentText(model);
}

void UsagePage::rangeChanged()
{
    const int range = m_range->currentIndex();
    m_from->setEnabled(range == Custom);
    m_to->setEnabled(range == Custom);
    if (range == Custom && m_from->dateTime() >= m_to->dateTime()) {
        m_to->setDateTime(QDateTime::currentDateTime().addSecs(60));
        m_from->setDateTime(QDateTime::currentDateTime().addDays(-7));
    }
}

UsageQuery UsagePage::filterQuery() const
{
    UsageQuery q;
    const QDateTime now = QDateTime::currentDateTime();
    switch (m_range->currentIndex()) {
    case Today:
        q.from = QDateTime(now.date(), QTime(0, 0));
        break;
    case Last24Hours:
        q.from = now.addDays(-1);
        break;
    case Last7Days:
        q.from = now.addDays(-7);
        break;
    case Last30Days:
        q.from = now.addDays(-30);
        break;
    case Custom:
        q.from = m_from->dateTime();
        q.to = m_to->dateTime();
        break;
    default:
        break;
    }
    auto id = [](const QComboBox *box) -> std::optional<qint64> {
        const qint64 v = box->currentData().toLongLong();
        return v > 0 ? std::optional<qint64>(v) : std::nullopt;
    };
    q.keyId = id(m_key);
    q.userId = id(m_user);
    q.accountId = id(m_account);
    q.model = m_modelName->currentText().trimmed();
    // Keep the table's order.
    q.sort = m_model->query().sort;
    q.ascending = m_model->query().ascending;
    return q;
}

void UsagePage::applyQuery(const UsageQuery &query)
{
    auto select = [](QComboBox *box, const std::optional<qint64> &id) {
        box->setCurrentIndex(qMax(0, box->findData(id.value_or(0))));
    };
    select(m_key, query.keyId);
    select(m_user, query.userId);
    select(m_account, query.accountId);
    m_modelName->setCurrentText(query.model);
    if (query.from || query.to) {
        m_range->setCurrentIndex(Custom);
        m_from->setDateTime(query.from.value_or(QDateTime::fromMSecsSinceEpoch(0)).toLocalTime());
        m_to->setDateTime(
            query.to.value_or(QDateTime::currentDateTime().addYears(1)).toLocalTime());
    } else {
        m_range->setCurrentIndex(AllTime);
    }
    rangeChanged();
    m_table->horizontalHeader()->setSortIndicator(UsageModel::Time, Qt::DescendingOrder);
    UsageQuery q = query;
    m_loaded = false;
    m_pendingPieces = 3; // first page, daily summary, model summary
    m_model->setQuery(q);
    loadSummaries();
}

void UsagePage::apply()
{
    if (m_range->currentIndex() == Custom && m_from->dateTime() >= m_to->dateTime()) {
        QMessageBox::warning(this, title(),
                             tr("The start of the time range must be before its end."));
        return;
    }
    m_loaded = false;
    m_pendingPieces = 3;
    m_model->setQuery(filterQuery());
    loadSummaries();
}

void UsagePage::pieceLoaded()
{
    if (--m_pendingPieces == 0 && !m_loaded) {
        m_loaded = true;
        emit loaded();
    }
}

void UsagePage::loadSummaries()
{
    const int generation = ++m_summaryGeneration;
    const UsageQuery query = m_model->query();
    QUrlQuery daily = query.filterQuery();
    daily.addQueryItem(QStringLiteral("groupBy"), QStringLiteral("day"));
    QUrlQuery byModel = query.filterQuery();
    byModel.addQueryItem(QStringLiteral("groupBy"), QStringLiteral("model"));
    api()->get(QStringLiteral("/api/usage/summary"), daily, this,
               [this, generation](const ApiResult &r) {
                   if (generation != m_summaryGeneration)
                       return;
                   if (r.ok()) {
                       showDaily(r.object().value(QLatin1String("items")).toArray());
                       showTotals(r.object().value(QLatin1String("totals")).toObject());
                   } else {
                       m_totals->setText(tr("Could not load the totals: %1").arg(r.errorMessage));
                   }
                   pieceLoaded();
               });
    api()->get(QStringLiteral("/api/usage/summary"), byModel, this,
               [this, generation, query](const ApiResult &r) {
                   if (generation != m_summaryGeneration)
                       return;
                   if (r.ok()) {
                       const QJsonArray items = r.object().value(QLatin1String("items")).toArray();
                       showModels(items);
                       if (query.model.isEmpty()) {
                           // Offer the models seen so far in the model chooser.
                           for (const QJsonValue &v : items) {
                               const QString name =
                                   v.toObject().value(QLatin1String("group")).toString();
                               if (!m_modelNames.contains(name))
                                   m_modelNames << name;
                           }
                           m_modelNames.sort();
                           fillChoosers();
                       }
                   }
                   pieceLoaded();
               });
}

void UsagePage::showTotals(const QJsonObject &t)
{
    m_lastTotals = t;
    if (t.isEmpty()) {
        m_totals->clear();
        return;
    }
    const QLocale l;
    m_totals->setText(
        tr("<b>%1</b> requests, <b>%2</b> errors &nbsp; Tokens: <b>%3</b> in, <b>%4</b> out, "
           "<b>%5</b> cache write, <b>%6</b> cache read &nbsp; Cost: <b>%7</b>")
            .arg(l.toString(t.value(QLatin1String("requests")).toInteger()),
                 l.toString(t.value(QLatin1String("errors")).toInteger()),
                 l.toString(t.value(QLatin1String("inputTokens")).toInteger()),
                 l.toString(t.value(QLatin1String("outputTokens")).toInteger()),
                 l.toString(t.value(QLatin1String("cacheWriteTokens")).toInteger()),
                 l.toString(t.value(QLatin1String("cacheReadTokens")).toInteger()),
                 money(t.value(QLatin1String("cost")).toDouble())));
}

QString UsagePage::totalsText() const
{
    return m_totals->text();
}

void UsagePage::showDaily(const QJsonArray &days)
{
    m_dailyChart->removeAllSeries();
    for (QAbstractAxis *axis : m_dailyChart->axes())
        m_dailyChart->removeAxis(axis);
    auto *set = new QBarSet(tr("Cost"));
    QStringList categories;
    double max = 0;
    const qsizetype first = qMax<qsizetype>(0, days.size() - MaxDayBars);
    for (qsizetype i = first; i < days.size(); ++i) {
        const QJsonObject d = days.at(i).toObject();
        const double cost = d.value(QLatin1String("cost")).toDouble();
        *set << cost;
        max = qMax(max, cost);
        categories << d.value(QLatin1String("group")).toString().mid(5); // MM-DD
    }
    auto *series = new QBarSeries;
    series->append(set);
    m_dailyChart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *y = new QValueAxis;
    y->setRange(0, max > 0 ? max * 1.1 : 1);
    y->setLabelFormat(costFormat(max));
    m_dailyChart->addAxis(x, Qt::AlignBottom);
    m_dailyChart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

void UsagePage::showModels(const QJsonArray &models)
{
    m_modelChart->removeAllSeries();
    for (QAbstractAxis *axis : m_modelChart->axes())
        m_modelChart->removeAxis(axis);
    QList<QPair<double, QString>> rows;
    for (const QJsonValue &v : models)
        rows.append({v.toObject().value(QLatin1String("cost")).toDouble(),
                     v.toObject().value(QLatin1String("group")).toString()});
    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    if (rows.size() > MaxModelBars) {
        double rest = 0;
        for (qsizetype i = MaxModelBars - 1; i < rows.size(); ++i)
            rest += rows.at(i).first;
        rows.resize(MaxModelBars - 1);
        rows.append({rest, tr("other")});
    }
    std::reverse(rows.begin(), rows.end()); // largest on top
    auto *set = new QBarSet(tr("Cost"));
    QStringList categories;
    double max = 0;
    for (const auto &[cost, name] : std::as_const(rows)) {
        *set << cost;
        categories << name;
        max = qMax(max, cost);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    m_modelChart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    auto *x = new QValueAxis;
    x->setRange(0, max > 0 ? max * 1.1 : 1);
    x->setLabelFormat(costFormat(max));
    x->setTickCount(3);
    m_modelChart->addAxis(y, Qt::AlignLeft);
    m_modelChart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
}

void UsagePage::updateCount()
{
    const qint64 total = m_model->total();
    if (total < 0) {
        m_count->setText(m_model->isLoading() ? tr("Loading...") : QString());
        return;
    }
    const QLocale l;
    m_count->setText(tr("Showing %1 of %2 calls; more load as you scroll.")
                         .arg(l.toString(m_model->rowCount()), l.toString(total)));
    if (m_model->rowCount() >= total)
        m_count->setText(tr("%n call(s).", nullptr, int(qMin<qint64>(total, INT_MAX))));
}

void UsagePage::chooseExportFile()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name =
        QFileDialog::getSaveFileName(this, tr("Export usage as CSV"),
                                     dir + QStringLiteral("/aicarpool-usage-%1.csv")
                                               .arg(QDate::currentDate().toString(Qt::ISODate)),
                                     tr("CSV files (*.csv)"));
    if (name.isEmpty())
        return;
    exportCsv(name);
}

bool UsagePage::exportCsv(const QString &fileName)
{
    if (m_exporter)
        return false;
    auto *exporter = new UsageCsvExporter(api(), m_model->query(), m_names, fileName, this);
    m_exporter = exporter;
    connect(exporter, &UsageCsvExporter::progress, this, [this](qint64 written, qint64 total) {
        m_exportProgress->setRange(0, int(qMin<qint64>(total, INT_MAX)));
        m_exportProgress->setValue(int(qMin<qint64>(written, INT_MAX)));
    });
    connect(exporter, &UsageCsvExporter::finished, this,
            [this, exporter, fileName](bool ok, const QString &error) {
                exporter->deleteLater();
                m_exportProgress->hide();
                m_export->setText(tr("Export CSV..."));
                if (ok)
                    emit status(tr("Exported %n call(s) to %1.", nullptr,
                                   int(qMin<qint64>(exporter->written(), INT_MAX)))
                                    .arg(fileName));
                else
                    QMessageBox::warning(this, tr("Export CSV"),
                                         tr("The export failed: %1").arg(error));
                emit exportFinished(ok, error);
            });
    QString error;
    if (!exporter->start(&error)) {
        delete exporter;
        QMessageBox::warning(this, tr("Export CSV"), error);
        return false;
    }
    m_exportProgress->setRange(0, 0);
    m_exportProgress->show();
    m_export->setText(tr("Cancel export"));
    return true;
}
