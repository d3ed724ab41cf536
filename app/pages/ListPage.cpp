// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/ListPage.h"

#include "api/ApiClient.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

ListPage::ListPage(ApiClient *api, QWidget *parent)
    : Page(api, parent), m_layout(new QVBoxLayout(this)), m_actions(new QHBoxLayout),
      m_info(new QLabel(this)), m_view(new QTableView(this)), m_model(new JsonTableModel(this)),
      m_sorted(new QSortFilterProxyModel(this))
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(JsonTableModel::SortRole);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_info->setWordWrap(true);
    m_info->hide();
    m_layout->addLayout(m_actions);
    m_layout->addWidget(m_info);
    m_layout->addWidget(m_view, 1);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ListPage::refreshActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ListPage::refreshActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ListPage::refreshActions);
}

void ListPage::activate()
{
    m_loaded = false;
    load();
}

void ListPage::retranslate()
{
    retranslateUi();
    m_model->retranslate();
}

void ListPage::finishLoad()
{
    m_loaded = true;
    if (!m_everLoaded)
        m_view->resizeColumnsToContents();
    m_everLoaded = true;
    refreshActions();
    emit loaded();
}

QJsonObject ListPage::currentItem() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return QJsonObject();
    return m_model->item(m_sorted->mapToSource(rows.first()).row());
}

qint64 ListPage::currentId() const
{
    return currentItem().value(QLatin1String("id")).toInteger(-1);
}

void ListPage::selectId(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return;
    m_view->selectRow(m_sorted->mapFromSource(m_model->index(row, 0)).row());
}

QPushButton *ListPage::addAction(const QString &objectName, bool needsSelection,
                                 const std::function<void()> &onClick)
{
    auto *button = new QPushButton(this);
    button->setObjectName(objectName);
    connect(button, &QPushButton::clicked, this, onClick);
    m_actions->addWidget(button);
    m_buttons.append({button, needsSelection});
    return button;
}

void ListPage::addActionStretch()
{
    m_actions->addStretch(1);
}

void ListPage::refreshActions()
{
    const bool selected = currentId() >= 0;
    for (const auto &[button, needsSelection] : std::as_const(m_buttons))
        button->setEnabled(!isBusy() && (!needsSelection || selected));
    updateActions();
}

ApiClient::Done ListPage::guarded(const QString &failure,
                                  std::function<void(const ApiResult &)> done, bool always)
{
    ++m_busy;
    refreshActions();
    return [this, failure, done = std::move(done), always](const ApiResult &result) {
        --m_busy;
        refreshActions();
        if (!result.ok()) {
            if (result.status != 401) // an expired session brings back the sign-in instead
                showError(failure, result.errorMessage);
            if (!always)
                return;
        }
        if (done)
            done(result);
    };
}

ApiClient::Done ListPage::loading(std::function<void(const ApiResult &)> done)
{
    ++m_busy;
    refreshActions();
    m_info->hide();
    return [this, done = std::move(done)](const ApiResult &result) {
        --m_busy;
        refreshActions();
        if (!result.ok() && result.status != 401) {
            m_info->setText(tr("Could not load: %1").arg(result.errorMessage));
            m_info->show();
        }
        if (done)
            done(result);
    };
}

void ListPage::showError(const QString &failure, const QString &message)
{
    emit status(failure);
    QMessageBox::warning(this, failure, message.isEmpty() ? failure : message);
}

bool ListPage::confirm(const QString &question)
{
    return QMessageBox::question(this, title(), question) == QMessageBox::Yes;
}
