// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class LanguageManager;
class QAction;
class QActionGroup;
class QGroupBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;

// The console's main window. For now it shows the "sign in to a daemon" form (not yet wired
// to a daemon) and lets the user switch the interface language at run time.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(LanguageManager *languages, QWidget *parent = nullptr);

    QString daemonUrl() const;
    QString email() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    void retranslateUi();
    void showAbout();

    LanguageManager *m_languages;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QLabel *m_introLabel = nullptr;
    QGroupBox *m_signInBox = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_emailLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_urlEdit = nullptr;
    QLineEdit *m_emailEdit = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QPushButton *m_signInButton = nullptr;
};
