// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/PageRegistry.h"

#include <QMainWindow>
#include <QPointer>

class ApiClient;
class LanguageManager;
class Page;
class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class SecretStore;
class SignInDialog;

// The console's main window: the navigation list of pages (from the PageRegistry), the page
// stack, a busy indicator driven by ApiClient::busyChanged, the status bar and sign-out. An
// expired session brings back the sign-in dialog over the window; the pages keep their state.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ApiClient *api, SecretStore *secrets, LanguageManager *languages,
               QWidget *parent = nullptr);

    QList<Page *> pages() const { return m_pages; }
    Page *page(const QString &id) const;
    Page *currentPage() const;
    // Shows the page and activates it (loads its data).
    bool showPage(const QString &id);
    bool isBusyShown() const;

    // The sign-in dialog shown after the session expired or a sign-out (null when none).
    SignInDialog *signInDialog() const { return m_signIn; }

signals:
    // The user signed out and cancelled the sign-in dialog.
    void quitRequested();

public slots:
    void signOut();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void retranslateUi();
    void showAbout();
    void onCurrentRowChanged(int row);
    void onSessionExpired();
    void askToSignIn(const QString &notice);
    void updateIdentity();

    ApiClient *m_api;
    SecretStore *m_secrets;
    LanguageManager *m_languages;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<Page *> m_pages;
    QProgressBar *m_busy = nullptr;
    QLabel *m_identity = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QPointer<SignInDialog> m_signIn;
};
