// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/SmtpSender.h"

#include "notify/MailMessage.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace {

struct Upload
{
    const QByteArray *data;
    qsizetype offset = 0;
};

size_t readChunk(char *buffer, size_t size, size_t count, void *userdata)
{
    auto *upload = static_cast<Upload *>(userdata);
    const size_t room = size * count;
    const qsizetype left = upload->data->size() - upload->offset;
    const size_t n = std::min(room, size_t(left));
    std::memcpy(buffer, upload->data->constData() + upload->offset, n);
    upload->offset += qsizetype(n);
    return n;
}

int progress(void *userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *cancel = static_cast<const std::atomic<bool> *>(userdata);
    return cancel && cancel->load() ? 1 : 0;
}

} // namespace

QString SmtpSender::url() const
{
    const QString scheme = m_settings.security == QLatin1String("tls") ? QStringLiteral("smtps")
                                                                       : QStringLiteral("smtp");
    const QString host = m_settings.host.contains(QLatin1Char(':'))
                             ? QStringLiteral("[%1]").arg(m_settings.host)
                             : m_settings.host;
    return QStringLiteral("%1://%2:%3").arg(scheme, host).arg(m_settings.effectivePort());
}

bool SmtpSender::send(const QString &recipient, const QByteArray &mime, QString *error,
                      const std::atomic<bool> *cancel) const
{
    if (!m_settings.configured()) {
        *error = QStringLiteral("no mail server is configured (set smtp_host)");
        return false;
    }
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) {
        *error = QStringLiteral("cannot start a mail transfer (libcurl)");
        return false;
    }
    const QByteArray url = this->url().toUtf8();
    const QByteArray from = "<" + MailMessage::address(m_settings.from).toUtf8() + ">";
    const QByteArray to = "<" + recipient.toUtf8() + ">";
    const QByteArray user = m_settings.user.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    curl_slist *recipients = curl_slist_append(nullptr, to.constData());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(recipients,
                                                                      &curl_slist_free_all);
    Upload upload{&mime};
    char errorBuffer[CURL_ERROR_SIZE] = {};
    CURL *h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.constData());
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, &readChunk);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(mime.size()));
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, long(qMin(m_settings.timeoutSecs, 30)));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, long(m_settings.timeoutSecs));
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (cancel) {
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool> *>(cancel));
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    }
    if (m_settings.security == QLatin1String("starttls"))
        curl_easy_setopt(h, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    if (!user.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(h, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode code = curl_easy_perform(h);
    if (code == CURLE_OK)
        return true;
    long response = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response);
    QString detail = QString::fromUtf8(errorBuffer).trimmed();
    if (detail.isEmpty())
        detail = QString::fromUtf8(curl_easy_strerror(code));
    *error = QStringLiteral("%1: %2").arg(this->url(), detail);
    if (response > 0)
        *error += QStringLiteral(" (SMTP %1)").arg(response);
    return false;
}
