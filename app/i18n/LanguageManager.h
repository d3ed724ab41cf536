// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QObject>
#include <QStringList>

class QTranslator;

// Chooses the console's user-interface language and installs the matching translators
// (aicarpool's own, embedded under :/i18n/, and Qt's when the system has them). Languages are
// identified by code: "en" and "zh_CN".
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // The codes of the languages the console ships, English first.
    static QStringList languages();
    // The language's own name ("English", "简体中文"); empty for an unknown code.
    static QString nativeName(const QString &code);
    // The shipped language that best fits a locale: zh_* -> "zh_CN", everything else -> "en".
    static QString languageForLocale(const QLocale &locale);

    // The language saved by the user (QSettings key "language"), else the system locale's.
    QString startupLanguage() const;
    QString language() const { return m_language; }

    // Installs the translators for code; with remember, the choice is saved for the next start.
    // Returns false (and changes nothing) for an unknown code or a translation that cannot be
    // loaded.
    bool setLanguage(const QString &code, bool remember = false);

signals:
    void languageChanged(const QString &code);

private:
    void removeTranslators();

    QString m_language;
    QTranslator *m_appTranslator = nullptr;
    QTranslator *m_qtTranslator = nullptr;
};
