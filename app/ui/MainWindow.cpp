// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "i18n/LanguageManager.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

MainWindow::MainWindow(LanguageManager *languages, QWidget *parent)
    : QMainWindow(parent), m_languages(languages)
{
    buildUi();
    buildMenus();
    retranslateUi();
    resize(640, 420);
}

QString MainWindow::daemonUrl() const
{
    return m_urlEdit->text().trimmed();
}

QString MainWindow::email() const
{
    return m_emailEdit->text().trimmed();
}

void MainWindow::buildUi()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    m_introLabel = new QLabel(central);
    m_introLabel->setWordWrap(true);
    layout->addWidget(m_introLabel);

    m_signInBox = new QGroupBox(central);
    m_signInBox->setObjectName(QStringLiteral("signInBox"));
    auto *form = new QFormLayout(m_signInBox);

    m_urlEdit = new QLineEdit(m_signInBox);
    m_urlEdit->setObjectName(QStringLiteral("daemonUrlEdit"));
    m_urlEdit->setText(QStringLiteral("http://127.0.0.1:8787"));
    m_urlLabel = new QLabel(m_signInBox);
    m_urlLabel->setBuddy(m_urlEdit);
    form->addRow(m_urlLabel, m_urlEdit);

    m_emailEdit = new QLineEdit(m_signInBox);
    m_emailEdit->setObjectName(QStringLiteral("emailEdit"));
    m_emailEdit->setPlaceholderText(QStringLiteral("admin@localhost"));
    m_emailLabel = new QLabel(m_signInBox);
    m_emailLabel->setBuddy(m_emailEdit);
    form->addRow(m_emailLabel, m_emailEdit);

    m_passwordEdit = new QLineEdit(m_signInBox);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordLabel = new QLabel(m_signInBox);
    m_passwordLabel->setBuddy(m_passwordEdit);
    form->addRow(m_passwordLabel, m_passwordEdit);

    // Signing in is not implemented yet: the button stays disabled and says so.
    m_signInButton = new QPushButton(m_signInBox);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setEnabled(false);
    form->addRow(QString(), m_signInButton);

    layout->addWidget(m_signInBox);
    layout->addStretch(1);
    setCentralWidget(central);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::closeAllWindows);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    const QStringList codes = LanguageManager::languages();
    for (const QString &code : codes) {
        // Each language is named in its own language, whatever the current one is.
        QAction *action = m_languageMenu->addAction(LanguageManager::nativeName(code));
        action->setCheckable(true);
        action->setData(code);
        action->setChecked(code == m_languages->language());
        m_languageGroup->addAction(action);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction *action) { m_languages->setLanguage(action->data().toString(), true); });
    connect(m_languages, &LanguageManager::languageChanged, this, [this](const QString &code) {
        const QList<QAction *> actions = m_languageGroup->actions();
        for (QAction *action : actions)
            action->setChecked(action->data().toString() == code);
    });

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
    m_quitAction->setText(tr("&Quit"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About aicarpool console"));

    m_introLabel->setText(tr("Administer an aicarpool daemon: users, keys, upstream accounts, "
                             "quotas and usage."));
    m_signInBox->setTitle(tr("Sign in to a daemon"));
    m_urlLabel->setText(tr("Daemon &URL:"));
    m_emailLabel->setText(tr("&Email:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_signInButton->setText(tr("Sign in"));

    const QString notWired = tr("Signing in is not available in this version yet: the form is "
                                "not connected to a daemon.");
    m_signInBox->setToolTip(notWired);
    m_signInButton->setToolTip(notWired);
    statusBar()->showMessage(tr("Not connected. Signing in to a daemon is not available yet."));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About aicarpool console"),
                       tr("<p><b>aicarpool console</b> %1</p>"
                          "<p>Administration for a self-hosted carpool of AI-provider "
                          "accounts.</p><p>License: GPL-3.0-or-later</p>")
                           .arg(QApplication::applicationVersion()));
}
