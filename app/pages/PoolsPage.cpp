// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/PoolsPage.h"

#include "dialogs/PoolDialog.h"

#include <QPushButton>
#include <QTableView>

#include <memory>

PoolsPage::PoolsPage(ApiClient *api, QWidget *parent) : ListPage(api, parent)
{
    setObjectName(QStringLiteral("poolsPage"));
    m_add = addAction(QStringLiteral("addPool"), false, [this] { editPool(true); });
    m_edit = addAction(QStringLiteral("editPool"), true, [this] { editPool(false); });
    m_delete = addAction(QStringLiteral("deletePool"), true, [this] { deletePool(); });
    addActionStretch();
    m_refresh = addAction(QStringLiteral("refresh"), false, [this] { load(); });
    connect(view(), &QTableView::doubleClicked, this, [this] { editPool(false); });
    setUpColumns();
    retranslateUi();
}

void PoolsPage::retranslateUi()
{
    m_add->setText(tr("Add pool..."));
    m_edit->setText(tr("Edit..."));
    m_delete->setText(tr("Delete"));
    m_refresh->setText(tr("Refresh"));
}

QString PoolsPage::accountName(qint64 id) const
{
    for (const QJsonValue &v : m_accounts)
        if (v.toObject().value(QLatin1String("id")).toInteger() == id)
            return v.toObject().value(QLatin1String("name")).toString();
    return tr("account #%1").arg(id);
}

void PoolsPage::setUpColumns()
{
    using Column = JsonTableModel::Column;
    QList<Column> columns;
    columns << Column{[] { return tr("Name"); },
                      [](const QJsonObject &p, int role) -> QVariant {
                          return role == Qt::DisplayRole
                                     ? p.value(QLatin1String("name")).toVariant()
                                     : QVariant();
                      }};
    columns << Column{[] { return tr("Strategy"); },
                      [](const QJsonObject &p, int role) -> QVariant {
                          return role == Qt::DisplayRole
                                     ? QVariant(PoolDialog::strategyLabel(
                                           p.value(QLatin1String("strategy")).toString()))
                                     : QVariant();
                      }};
    columns << Column{[] { return tr("Accounts"); },
                      [](const QJsonObject &p, int role) -> QVariant {
                          return role == Qt::DisplayRole
                                     ? QVariant(
                                           p.value(QLatin1String("accountIds")).toArray().size())
                                     : QVariant();
                      },
                      true};
    columns << Column{[] { return tr("Members"); },
                      [this](const QJsonObject &p, int role) -> QVariant {
                          if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                              return {};
                          QStringList names;
                          for (const QJsonValue &v : p.value(QLatin1String("accountIds")).toArray())
                              names << accountName(v.toInteger());
                          return names.isEmpty() ? tr("(none)") : names.join(QStringLiteral(", "));
                      }};
    columns << Column{[] { return tr("Updated"); },
                      [](const QJsonObject &p, int role) -> QVariant {
                          if (role == JsonTableModel::SortRole)
                              return p.value(QLatin1String("updatedAt")).toString();
                          return role == Qt::DisplayRole ? QVariant(JsonTableModel::formatTime(
                                                               p.value(QLatin1String("updatedAt"))))
                                                         : QVariant();
                      }};
    model()->setColumns(columns);
}

void PoolsPage::load()
{
    auto pending = std::make_shared<int>(2);
    auto step = [this, pending] {
        if (--*pending == 0) {
            model()->retranslate(); // member names may have arrived after the pools
            finishLoad();
        }
    };
    api()->get(QStringLiteral("/api/accounts"), {}, this, loading([this, step](const ApiResult &r) {
                   if (r.ok())
                       m_accounts = r.object().value(QLatin1String("items")).toArray();
                   step();
               }));
    api()->get(QStringLiteral("/api/pools"), {}, this, loading([this, step](const ApiResult &r) {
                   if (r.ok()) {
                       const qint64 selected = currentId();
                       model()->setItems(r.object().value(QLatin1String("items")).toArray());
                       selectId(selected);
                   }
                   step();
               }));
}

void PoolsPage::editPool(bool create)
{
    const QJsonObject pool = create ? QJsonObject() : currentItem();
    if ((!create && pool.isEmpty()) || isBusy())
        return;
    PoolDialog dialog(api(), pool, m_accounts, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    model()->upsert(dialog.answer());
    selectId(dialog.answer().value(QLatin1String("id")).toInteger());
    emit status(
        tr("Pool \"%1\" saved.").arg(dialog.answer().value(QLatin1String("name")).toString()));
}

void PoolsPage::deletePool()
{
    const QJsonObject pool = currentItem();
    if (pool.isEmpty())
        return;
    const QString name = pool.value(QLatin1String("name")).toString();
    if (!confirm(tr("Delete the pool \"%1\"? Its accounts are kept.").arg(name)))
        return;
    const qint64 id = pool.value(QLatin1String("id")).toInteger();
    api()->remove(QStringLiteral("/api/pools/%1").arg(id), this,
                  guarded(tr("Could not delete the pool"), [this, id, name](const ApiResult &) {
                      model()->removeId(id);
                      emit status(tr("Pool \"%1\" deleted.").arg(name));
                  }));
}
