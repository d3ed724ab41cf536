// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class HttpRouter;

// GET /invite: the page an invitation email links to (`<public_url>/invite?token=...`). A static
// form that posts the token from the address bar, with a name and password for a new account, to
// POST /api/invitations/accept. The token never reaches the server in this request's path
// handling or logs (the page reads it in the browser), and the page sends no referrer.
class InvitePage
{
public:
    static void registerRoutes(HttpRouter &router);
};
