// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/ApiClient.h"
#include "models/JsonTableModel.h"
#include "pages/Page.h"

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QVBoxLayout;

// The shape shared by the admin list pages (accounts, pools, proxies, keys, users): a row of
// action buttons, a sortable table over a JsonTableModel, and calls that disable the buttons
// while they run, with the page as their context, and show refusals as readable messages.
class ListPage : public Page
{
    Q_OBJECT
public:
    ListPage(ApiClient *api, QWidget *parent = nullptr);

    void activate() override;
    bool isLoaded() const override { return m_loaded; }
    void retranslate() override;

    JsonTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The item of the selected row (empty when none).
    QJsonObject currentItem() const;
    qint64 currentId() const;
    bool isBusy() const { return m_busy > 0; }

protected:
    // Loads everything the page shows; call finishLoad() when the data is in.
    virtual void load() = 0;
    // Sets the button texts and anything else translated.
    virtual void retranslateUi() = 0;
    // Enables the buttons for the current selection (called on selection and busy changes).
    virtual void updateActions() {}

    // Marks the data as arrived; emits loaded() the first time.
    void finishLoad();
    // A button in the action row; `needsSelection` buttons are disabled without a selected row.
    QPushButton *addAction(const QString &objectName, bool needsSelection,
                           const std::function<void()> &onClick);
    void addActionStretch();
    QVBoxLayout *pageLayout() const { return m_layout; }
    QHBoxLayout *actionRow() const { return m_actions; }
    QLabel *infoLabel() const { return m_info; }

    // Wraps a call's completion: the page counts as busy until it runs, and a failed call shows
    // `failure` with the API's message (done then runs only on success, unless `always`).
    ApiClient::Done guarded(const QString &failure, std::function<void(const ApiResult &)> done,
                            bool always = false);
    // For loads: a failure is shown in the page's info line (no modal box, so an unattended
    // screenshot run is not blocked) and `done` runs in every case.
    ApiClient::Done loading(std::function<void(const ApiResult &)> done);
    void showError(const QString &failure, const QString &message);
    bool confirm(const QString &question);
    void selectId(qint64 id);

private:
    void refreshActions();

    QVBoxLayout *m_layout;
    QHBoxLayout *m_actions;
    QLabel *m_info;
    QTableView *m_view;
    JsonTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QList<QPair<QPushButton *, bool>> m_buttons;
    int m_busy = 0;
    bool m_loaded = false;
    bool m_everLoaded = false;
};
