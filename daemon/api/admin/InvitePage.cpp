// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/InvitePage.h"

#include "http/HttpRouter.h"

namespace {

const char kPage[] = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join a carpool group</title>
<style>body{font-family:sans-serif;max-width:28em;margin:3em auto;padding:0 1em}
label{display:block;margin:.8em 0 .2em}input{width:100%;padding:.4em}
button{margin-top:1.2em;padding:.5em 1.2em}#msg{margin-top:1em}</style></head>
<body><h1>Join a carpool group</h1>
<p>Choose your name and a password (at least 10 characters) to create your account and join the
group. If you already have an account, sign in to the console and accept from there.</p>
<form id="f"><label for="email">Email (invite links only)</label><input id="email" type="email">
<label for="name">Name</label><input id="name" required>
<label for="password">Password</label><input id="password" type="password" minlength="10" required>
<button type="submit">Join</button></form><p id="msg" role="status"></p>
<script>
const token = new URLSearchParams(location.search).get('token') || '';
const msg = document.getElementById('msg');
if (!token) msg.textContent = 'This link has no invitation token; open the link from your email again.';
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {token, name: document.getElementById('name').value,
                password: document.getElementById('password').value};
  const email = document.getElementById('email').value;
  if (email) body.email = email;
  try {
    const r = await fetch('/api/invitations/accept', {method: 'POST',
      headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
    const j = await r.json().catch(() => ({}));
    msg.textContent = r.ok ? 'Welcome aboard: you can now sign in.'
                           : ((j.error && j.error.message) || ('The server answered ' + r.status + '.'));
  } catch (err) { msg.textContent = 'The server cannot be reached: ' + err; }
});
</script></body></html>
)html";

} // namespace

void InvitePage::registerRoutes(HttpRouter &router)
{
    router.add(
        "GET", QStringLiteral("/invite"),
        [](const HttpRequest &, const HttpResponderPtr &r) {
            r->send(200, QByteArray(kPage), "text/html; charset=utf-8",
                    {{"Content-Security-Policy",
                      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                      "connect-src 'self'; form-action 'none'; frame-ancestors 'none'"},
                     {"Referrer-Policy", "no-referrer"},
                     {"Cache-Control", "no-store"}});
        },
        HttpSurface::Both);
}
