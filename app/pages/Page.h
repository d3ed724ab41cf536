// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QWidget>

class ApiClient;

// One page of the main window (Dashboard, Accounts, ...). The main window lists pages in its
// navigation, calls activate() when a page is shown and retranslate() when the language
// changes. Pages talk to the daemon only through the ApiClient, with themselves as the call
// context so that closing a page cancels its calls.
class Page : public QWidget
{
    Q_OBJECT
public:
    Page(ApiClient *api, QWidget *parent = nullptr) : QWidget(parent), m_api(api) {}

    // Stable id, also the screenshot file name ("dashboard", "accounts", ...).
    virtual QString pageId() const = 0;
    // Translated title for the navigation.
    virtual QString title() const = 0;
    // Shown (again): load or refresh data.
    virtual void activate() {}
    // Language changed at run time.
    virtual void retranslate() {}
    // True once the page's data for the current activation has arrived (screenshots wait on it).
    virtual bool isLoaded() const { return true; }

signals:
    void loaded();
    // A message for the status bar.
    void status(const QString &message);

protected:
    ApiClient *api() const { return m_api; }

private:
    ApiClient *m_api;
};
