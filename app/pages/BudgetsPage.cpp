// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/BudgetsPage.h"

#include "dialogs/BudgetDialog.h"
#include "dialogs/QuotaDialog.h"
#include "widgets/SpentBarDelegate.h"

#include <QJsonArray>
#include <QLocale>
#include <QPushButton>
#include <QTableView>

namespace {

constexpr int SpentColumn = 4;

QString usd(double amount)
{
    return QLocale().toString(amount, 'f', 2);
}

} // namespace

BudgetsPage::BudgetsPage(ApiClient *api, QWidget *parent) : ListPage(api, parent)
{
    setObjectName(QStringLiteral("budgetsPage"));
    m_add = addAction(QStringLiteral("addBudget"), false, [this] { editBudget(true); });
    m_edit = addAction(QStringLiteral("editBudget"), true, [this] { editBudget(false); });
    m_delete = addAction(QStringLiteral("deleteBudget"), true, [this] { deleteBudget(); });
    addActionStretch();
    m_refresh = addAction(QStringLiteral("refresh"), false, [this] { load(); });
    connect(view(), &QTableView::doubleClicked, this, [this] { editBudget(false); });
    view()->setItemDelegateForColumn(SpentColumn, new SpentBarDelegate(view()));
    setUpColumns();
    retranslateUi();
}

void BudgetsPage::retranslateUi()
{
    m_add->setText(tr("Add budget..."));
    m_edit->setText(tr("Edit..."));
    m_delete->setText(tr("Delete"));
    m_refresh->setText(tr("Refresh"));
}

void BudgetsPage::setUpColumns()
{
    using Column = JsonTableModel::Column;
    QList<Column> columns;
    columns << Column{[] { return tr("Name"); },
                      [](const QJsonObject &b, int role) -> QVariant {
                          return role == Qt::DisplayRole
                                     ? b.value(QLatin1String("name")).toVariant()
                                     : QVariant();
                      }};
    columns << Column{
        [] { return tr("Applies to"); },
        [](const QJsonObject &b, int role) -> QVariant {
            if (role != Qt::DisplayRole)
                return {};
            return tr("%1 #%2")
                .arg(QuotaDialog::scopeLabel(b.value(QLatin1String("scope")).toString()))
                .arg(b.value(QLatin1String("scopeId")).toInteger());
        }};
    columns << Column{[] { return tr("Period"); },
                      [](const QJsonObject &b, int role) -> QVariant {
                          return role == Qt::DisplayRole
                                     ? QVariant(BudgetDialog::periodLabel(
                                           b.value(QLatin1String("period")).toString()))
                                     : QVariant();
                      }};
    columns << Column{[] { return tr("Amount (USD)"); },
                      [](const QJsonObject &b, int role) -> QVariant {
                          const double amount = b.value(QLatin1String("amount")).toDouble();
                          if (role == JsonTableModel::SortRole)
                              return amount;
                          return role == Qt::DisplayRole ? QVariant(usd(amount)) : QVariant();
                      },
                      true};
    columns << Column{[] { return tr("Spent"); },
                      [](const QJsonObject &b, int role) -> QVariant {
                          const double amount = b.value(QLatin1String("amount")).toDouble();
                          const double spent = b.value(QLatin1String("spent")).toDouble();
                          if (role == SpentBarDelegate::FractionRole)
                              return amount > 0 ? spent / amount : 0.0;
                          if (role == JsonTableModel::SortRole)
                              return amount > 0 ? spent / amount : 0.0;
                          if (role == Qt::DisplayRole)
                              return tr("%1 of %2").arg(usd(spent), usd(amount));
                          if (role == Qt::ToolTipRole)
                              return tr("Forecast at the end of the period: %1 USD")
                                  .arg(usd(b.value(QLatin1String("forecast")).toDouble()));
                          return {};
                      }};
    columns << Column{[] { return tr("When spent"); },
                      [](const QJsonObject &b, int role) -> QVariant {
                          if (role != Qt::DisplayRole)
                              return {};
                          if (!b.value(QLatin1String("enabled")).toBool(true))
                              return tr("disabled");
                          return b.value(QLatin1String("hard")).toBool() ? tr("refuse calls")
                                                                         : tr("alert only");
                      }};
    columns << Column{[] { return tr("Period ends"); },
                      [](const QJsonObject &b, int role) -> QVariant {
                          if (role == JsonTableModel::SortRole)
                              return b.value(QLatin1String("periodEnd")).toString();
                          return role == Qt::DisplayRole ? QVariant(JsonTableModel::formatTime(
                                                               b.value(QLatin1String("periodEnd"))))
                                                         : QVariant();
                      }};
    model()->setColumns(columns);
}

void BudgetsPage::load()
{
    api()->get(QStringLiteral("/api/budgets"), {}, this, loading([this](const ApiResult &r) {
                   if (r.ok()) {
                       const qint64 selected = currentId();
                       model()->setItems(r.object().value(QLatin1String("items")).toArray());
                       selectId(selected);
                   }
                   finishLoad();
               }));
}

void BudgetsPage::editBudget(bool create)
{
    const QJsonObject budget = create ? QJsonObject() : currentItem();
    if ((!create && budget.isEmpty()) || isBusy())
        return;
    BudgetDialog dialog(api(), budget, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    model()->upsert(dialog.answer());
    selectId(dialog.answer().value(QLatin1String("id")).toInteger());
    emit status(
        tr("Budget \"%1\" saved.").arg(dialog.answer().value(QLatin1String("name")).toString()));
}

void BudgetsPage::deleteBudget()
{
    const QJsonObject budget = currentItem();
    if (budget.isEmpty())
        return;
    const QString name = budget.value(QLatin1String("name")).toString();
    if (!confirm(tr("Delete the budget \"%1\"? Spending is no longer capped or alerted by it.")
                     .arg(name)))
        return;
    const qint64 id = budget.value(QLatin1String("id")).toInteger();
    api()->remove(QStringLiteral("/api/budgets/%1").arg(id), this,
                  guarded(tr("Could not delete the budget"), [this, id, name](const ApiResult &) {
                      model()->removeId(id);
                      emit status(tr("Budget \"%1\" deleted.").arg(name));
                  }));
}
