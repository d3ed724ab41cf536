// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QObject;

// Deletes an object once control is back in its thread's event loop, like
// QObject::deleteLater(), but without posting an event: deleteLater() wakes the event loop
// through its wake-up descriptor (a write(2) and a read(2) on every call), which the relay paid
// once per request. Here the objects of one thread are queued and freed by one zero-interval timer,
// which needs no wake-up. Must be called on the object's own thread.
namespace DeferredDelete {
void later(QObject *object);
} // namespace DeferredDelete
