// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "api/ApiClient.h"
#include "api/SavedServers.h"
#include "api/SecretStore.h"
#include "dialogs/SignInDialog.h"
#include "i18n/LanguageManager.h"
#include "pages/Page.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

MainWindow::MainWindow(ApiClient *api, SecretStore *secrets, LanguageManager *languages,
                       QWidget *parent)
    : QMainWindow(parent), m_api(api), m_secrets(secrets), m_languages(languages)
{
    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setFixedWidth(170);
    m_nav->setSpacing(2);
    m_stack = new QStackedWidget(this);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    const PageContext context{api, languages, secrets};
    m_pages = PageRegistry::createAll(context, m_stack);
    for (Page *p : std::as_const(m_pages)) {
        m_stack->addWidget(p);
        auto *item = new QListWidgetItem(p->title(), m_nav);
        item->setData(Qt::UserRole, p->pageId());
        connect(p, &Page::status, this,
                [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    }
    connect(m_nav, &QListWidget::currentRowChanged, this, &MainWindow::onCurrentRowChanged);

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0); // indeterminate
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setTextVisible(false);
    m_busy->setVisible(api->pendingCount() > 0);
    m_identity = new QLabel(this);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_identity);
    connect(api, &ApiClient::busyChanged, m_busy, &QWidget::setVisible);
    connect(api, &ApiClient::sessionExpired, this, &MainWindow::onSessionExpired);
    connect(api, &ApiClient::signedIn, this, &MainWindow::updateIdentity);
    connect(api, &ApiClient::refreshTokenChanged, this, [this](const QString &token) {
        // Keep the remembered session current when the daemon issues a new refresh token.
        const QString url = m_api->serverUrl().toString();
        const auto entry = SavedServers().find(url);
        if (m_secrets && entry && entry->remembered && !token.isEmpty())
            m_secrets->write(SecretStore::refreshTokenKey(url, m_api->currentEmail()), token, this,
                             {});
    });

    buildMenus();
    retranslateUi();
    updateIdentity();
    resize(1280, 820);
    if (!m_pages.isEmpty())
        m_nav->setCurrentRow(0);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_signOutAction = m_fileMenu->addAction(QString(), this, &MainWindow::signOut);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::quit);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("aicarpool console"));
    m_fileMenu->setTitle(tr("&File"));
    m_signOutAction->setText(tr("Sign &out"));
    m_quitAction->setText(tr("&Quit"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About aicarpool console"));
    for (int i = 0; i < m_pages.size(); ++i) {
        m_pages[i]->retranslate();
        if (QListWidgetItem *item = m_nav->item(i))
            item->setText(m_pages[i]->title());
    }
    updateIdentity();
}

void MainWindow::updateIdentity()
{
    if (!m_identity)
        return;
    m_identity->setText(
        m_api->isSignedIn()
            ? tr("%1 on %2").arg(m_api->currentEmail(), m_api->serverUrl().toDisplayString())
            : tr("Not signed in"));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About aicarpool console"),
                       tr("<p><b>aicarpool console</b> %1</p>"
                          "<p>Administration for a self-hosted carpool of AI-provider "
                          "accounts.</p><p>License: GPL-3.0-or-later</p>")
                           .arg(QApplication::applicationVersion()));
}

Page *MainWindow::page(const QString &id) const
{
    for (Page *p : m_pages) {
        if (p->pageId() == id)
            return p;
    }
    return nullptr;
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_stack->currentWidget());
}

bool MainWindow::showPage(const QString &id)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages[i]->pageId() == id) {
            if (m_nav->currentRow() == i)
                m_pages[i]->activate();
            else
                m_nav->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

bool MainWindow::isBusyShown() const
{
    return m_busy->isVisible();
}

void MainWindow::onCurrentRowChanged(int row)
{
    if (row < 0 || row >= m_pages.size())
        return;
    m_stack->setCurrentIndex(row);
    if (m_api->isSignedIn())
        m_pages[row]->activate();
}

void MainWindow::onSessionExpired()
{
    askToSignIn(tr("Your session has expired. Sign in again to continue; the page keeps what "
                   "you entered."));
}

void MainWindow::askToSignIn(const QString &notice)
{
    updateIdentity();
    if (m_signIn)
        return;
    m_signIn = new SignInDialog(m_api, m_secrets, this);
    m_signIn->setAttribute(Qt::WA_DeleteOnClose);
    m_signIn->setServer(m_api->serverUrl().toString());
    if (!m_api->currentEmail().isEmpty())
        m_signIn->setEmail(m_api->currentEmail());
    m_signIn->setNotice(notice);
    connect(m_signIn, &QDialog::accepted, this, [this] {
        updateIdentity();
        if (Page *p = currentPage())
            p->activate();
    });
    connect(m_signIn, &QDialog::rejected, this, [this] {
        if (!m_api->isSignedIn())
            emit quitRequested();
    });
    m_signIn->open();
}

void MainWindow::signOut()
{
    const QString url = m_api->serverUrl().toString();
    const QString email = m_api->currentEmail();
    // Signing out forgets the remembered session of this server.
    if (m_secrets && !email.isEmpty())
        m_secrets->remove(SecretStore::refreshTokenKey(url, email), this, {});
    SavedServers().setRemembered(url, false);
    m_api->signOut();
    askToSignIn(tr("You signed out."));
}
