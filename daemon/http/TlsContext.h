// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMutex>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

// The server's current TLS configuration, shared by every listener and worker thread. New
// connections take a copy of the configuration when they are accepted; reload() swaps in a
// newly read certificate and key, so connections already open keep theirs and carry on.
// A reload that fails keeps the configuration in use.
class TlsContext
{
public:
    TlsContext(QString certFile, QString keyFile);

    // Reads and checks the files. Returns false with one line in *error; the configuration in
    // use (if any) stays. *warnings gets non-fatal findings (e.g. an expired certificate).
    bool reload(QString *error, QStringList *warnings = nullptr);

    bool isLoaded() const;
    QSslConfiguration configuration() const;
    QString summary() const;  // the current certificate, for logs
    QDateTime expiry() const; // of the current certificate; invalid before the first load
    QString certFile() const { return m_certFile; }
    QString keyFile() const { return m_keyFile; }

private:
    const QString m_certFile;
    const QString m_keyFile;
    mutable QMutex m_mutex; // guards the two below
    QSslConfiguration m_configuration;
    QString m_summary;
    bool m_loaded = false;
};
