// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/UsersPage.h"

#include "dialogs/UserDialog.h"
#include "pages/KeysPage.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

UsersPage::UsersPage(ApiClient *api, QWidget *parent) : ListPage(api, parent)
{
    setObjectName(QStringLiteral("usersPage"));
    m_add = addAction(QStringLiteral("addUser"), false, [this] { addUser(); });
    addActionStretch();
    m_refresh = addAction(QStringLiteral("refresh"), false, [this] { load(); });

    m_detailTitle = new QLabel(this);
    m_detailTitle->setObjectName(QStringLiteral("detailTitle"));
    m_detail = new QTabWidget(this);
    m_keys = new KeysPage(api, m_detail);
    m_keys->setUserFilter(0, true);
    m_usagePane = new QWidget(m_detail);
    m_usage = new JsonTableModel(this);
    auto *usageView = new QTableView(m_usagePane);
    usageView->setObjectName(QStringLiteral("userUsage"));
    usageView->setModel(m_usage);
    usageView->verticalHeader()->hide();
    usageView->horizontalHeader()->setStretchLastSection(true);
    m_usageTotals = new QLabel(m_usagePane);
    auto *usageLayout = new QVBoxLayout(m_usagePane);
    usageLayout->addWidget(m_usageTotals);
    usageLayout->addWidget(usageView, 1);
    m_detail->addTab(m_keys, QString());
    m_detail->addTab(m_usagePane, QString());
    m_detail->setEnabled(false);
    pageLayout()->addWidget(m_detailTitle);
    pageLayout()->addWidget(m_detail, 1);

    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsersPage::showDetail);
    connect(m_keys, &Page::loaded, this, [this] { emit detailLoaded(); });
    connect(m_keys, &Page::status, this, &Page::status);
    setUpColumns();
    retranslateUi();
}

void UsersPage::retranslateUi()
{
    m_add->setText(tr("Add user..."));
    m_refresh->setText(tr("Refresh"));
    m_detail->setTabText(0, tr("Keys"));
    m_detail->setTabText(1, tr("Usage by model"));
    const QJsonObject u = currentItem();
    m_detailTitle->setText(
        u.isEmpty() ? tr("Select a user to see their keys and usage.")
                    : tr("Keys and usage of %1").arg(u.value(QLatin1String("email")).toString()));
    m_keys->retranslate();
    m_usage->retranslate();
}

void UsersPage::setUpColumns()
{
    using Column = JsonTableModel::Column;
    auto text = [](const char *field) {
        return [field](const QJsonObject &u, int role) -> QVariant {
            return role == Qt::DisplayRole ? u.value(QLatin1String(field)).toVariant() : QVariant();
        };
    };
    QList<Column> columns;
    columns << Column{[] { return tr("Email"); }, text("email")};
    columns << Column{[] { return tr("Name"); }, text("name")};
    columns << Column{[] { return tr("Role"); },
                      [](const QJsonObject &u, int role) -> QVariant {
                          if (role != Qt::DisplayRole)
                              return {};
                          return u.value(QLatin1String("role")).toString() == QLatin1String("admin")
                                     ? tr("Administrator")
                                     : tr("Member");
                      }};
    columns << Column{[] { return tr("Status"); },
                      [](const QJsonObject &u, int role) -> QVariant {
                          if (role != Qt::DisplayRole)
                              return {};
                          return u.value(QLatin1String("disabled")).toBool() ? tr("Disabled")
                                                                             : tr("Active");
                      }};
    columns << Column{[] { return tr("Created"); },
                      [](const QJsonObject &u, int role) -> QVariant {
                          if (role == JsonTableModel::SortRole)
                              return u.value(QLatin1String("createdAt")).toString();
                          return role == Qt::DisplayRole ? QVariant(JsonTableModel::formatTime(
                                                               u.value(QLatin1String("createdAt"))))
                                                         : QVariant();
                      }};
    model()->setColumns(columns);

    auto number = [](const char *field) {
        return [field](const QJsonObject &row, int role) -> QVariant {
            if (role == JsonTableModel::SortRole)
                return row.value(QLatin1String(field)).toInteger();
            return role == Qt::DisplayRole
                       ? QVariant(QLocale().toString(row.value(QLatin1String(field)).toInteger()))
                       : QVariant();
        };
    };
    QList<Column> usage;
    usage << Column{[] { return tr("Model"); }, text("group")};
    usage << Column{[] { return tr("Requests"); }, number("requests"), true};
    usage << Column{[] { return tr("Errors"); }, number("errors"), true};
    usage << Column{[] { return tr("Input tokens"); }, number("inputTokens"), true};
    usage << Column{[] { return tr("Output tokens"); }, number("outputTokens"), true};
    usage << Column{
        [] { return tr("Cost"); },
        [](const QJsonObject &row, int role) -> QVariant {
            return role == Qt::DisplayRole
                       ? QVariant(QStringLiteral("$") +
                                  QLocale().toString(row.value(QLatin1String("cost")).toDouble(),
                                                     'f', 4))
                       : QVariant();
        },
        true};
    m_usage->setColumns(usage);
}

void UsersPage::load()
{
    m_detailUser = -1; // show the selected user's keys and usage afresh
    api()->get(QStringLiteral("/api/users"), {}, this, loading([this](const ApiResult &r) {
                   if (r.ok()) {
                       const qint64 selected = currentId();
                       model()->setItems(r.object().value(QLatin1String("items")).toArray());
                       selectId(selected);
                       if (selected < 0 && model()->rowCount() > 0)
                           view()->selectRow(0);
                   }
                   finishLoad();
               }));
}

void UsersPage::showDetail()
{
    const qint64 id = currentId();
    retranslateUi();
    m_detail->setEnabled(id >= 0);
    if (id < 0 || id == m_detailUser)
        return;
    m_detailUser = id;
    m_keys->setUserFilter(id, true);
    m_keys->activate();
    loadUsage(id);
}

void UsersPage::loadUsage(qint64 userId)
{
    const int generation = ++m_usageGeneration;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("userId"), QString::number(userId));
    query.addQueryItem(QStringLiteral("groupBy"), QStringLiteral("model"));
    api()->get(
        QStringLiteral("/api/usage/summary"), query, this, [this, generation](const ApiResult &r) {
            if (generation != m_usageGeneration)
                return;
            if (!r.ok()) {
                m_usage->setItems({});
                m_usageTotals->setText(tr("Could not load the usage: %1").arg(r.errorMessage));
                return;
            }
            m_usage->setItems(r.object().value(QLatin1String("items")).toArray());
            const QJsonObject t = r.object().value(QLatin1String("totals")).toObject();
            const QLocale l;
            m_usageTotals->setText(
                tr("%1 requests, %2 errors, cost $%3")
                    .arg(l.toString(t.value(QLatin1String("requests")).toInteger()),
                         l.toString(t.value(QLatin1String("errors")).toInteger()),
                         l.toString(t.value(QLatin1String("cost")).toDouble(), 'f', 4)));
        });
}

void UsersPage::addUser()
{
    UserDialog dialog(api(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    model()->upsert(dialog.answer());
    selectId(dialog.answer().value(QLatin1String("id")).toInteger());
    emit status(tr("User %1 added.").arg(dialog.answer().value(QLatin1String("email")).toString()));
}
