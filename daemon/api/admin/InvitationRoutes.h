// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// Invitations by email (/api/groups/{id}/invitations, /api/invitations/{id}/resend, DELETE
// /api/invitations/{id}), invite links (/api/groups/{id}/invite-links, DELETE
// /api/invite-links/{id}) and the public POST /api/invitations/accept. A token is shown once
// (in the email, or in the answer creating a link); only its SHA-256 is stored.
class InvitationRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
